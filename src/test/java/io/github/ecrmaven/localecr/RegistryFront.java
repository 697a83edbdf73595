package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The HTTPS registry endpoint of the local ECR. It checks what ECR checks: Basic auth with a
 * password the API issued, repositories that exist or that a creation template creates on push,
 * denied actions and immutable tags. It forwards everything else to the Distribution registry,
 * streaming bodies in both directions.
 */
final class RegistryFront implements AutoCloseable {

  /** Splits {@code /v2/<name>/<route>}; the greedy name keeps slashes inside repository names. */
  private static final Pattern REPOSITORY_PATH =
      Pattern.compile(
          "^/v2/(.+)/(manifests/[^/]+|blobs/uploads/?[^/]*|blobs/[^/]+|tags/list)$");

  /** Headers that are not forwarded: hop-by-hop, replaced, or restricted by the JDK client. */
  private static final Set<String> SKIPPED_HEADERS =
      Set.of(
          "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
          "trailer", "transfer-encoding", "upgrade", "host", "authorization", "content-length",
          "expect", "date", "from", "via", "warning");

  private static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
  /** The largest read of a throttled upload, so that its pauses stay short and even. */
  private static final int THROTTLED_READ_BYTES = 16 * 1024;
  private static final System.Logger LOG = System.getLogger(RegistryFront.class.getName());

  private final HttpsServer server;
  private final ExecutorService executor;
  private final URI registry;
  private final LocalEcrState state;
  private final ObjectMapper mapper;
  private final HttpClient client;
  /**
   * The traffic of each request in progress. Not exchange attributes, because the JDK's server
   * stores those in the context, which every exchange shares.
   */
  private final Map<HttpExchange, Traffic> trafficByExchange = new ConcurrentHashMap<>();

  private RegistryFront(
      HttpsServer server,
      ExecutorService executor,
      URI registry,
      LocalEcrState state,
      ObjectMapper mapper) {
    this.server = server;
    this.executor = executor;
    this.registry = registry;
    this.state = state;
    this.mapper = mapper;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
  }

  /**
   * Starts the front on 127.0.0.1 and {@code port} (any free port if 0), serving TLS with the key
   * in {@code serverKeyStore} and forwarding to {@code registry}.
   */
  static RegistryFront start(
      int port, Path serverKeyStore, URI registry, LocalEcrState state, ObjectMapper mapper)
      throws IOException {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(sslContext(serverKeyStore)));
    ExecutorService executor = Executors.newCachedThreadPool(LocalEcr.daemonThreads("local-ecr-registry"));
    RegistryFront front = new RegistryFront(server, executor, registry, state, mapper);
    server.createContext("/", front::handle);
    server.setExecutor(executor);
    server.start();
    return front;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Returns {@code localhost:PORT}, the host name the certificate is valid for. */
  String host() {
    return "localhost:" + port();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Traffic requestTraffic = new Traffic();
    trafficByExchange.put(exchange, requestTraffic);
    try (exchange) {
      handleRequest(exchange);
    } finally {
      trafficByExchange.remove(exchange);
      state.recordRegistryRequest(exchange.getRequestMethod(), loggedPathAndQuery(exchange.getRequestURI()),
          exchange.getResponseCode(), requestTraffic.received.get(), requestTraffic.sent.get());
    }
  }

  private void handleRequest(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getRawPath();
      if (!path.equals("/v2") && !path.startsWith("/v2/")) {
        sendError(exchange, 404, "NOT_FOUND", "Not Found");
        return;
      }
      Matcher matcher = REPOSITORY_PATH.matcher(path);
      String repository = matcher.matches() ? matcher.group(1) : null;
      String route = repository == null ? null : matcher.group(2);
      Optional<RegistryFaults.Rule> fault =
          state.registryFaults().take(exchange.getRequestMethod(), repository, route);
      if (fault.isPresent() && applyFault(exchange, fault.get())) {
        return;
      }

      Optional<String> authError = checkAuthorization(exchange.getRequestHeaders());
      if (authError.isPresent()) {
        exchange
            .getResponseHeaders()
            .set(
                "WWW-Authenticate",
                "Basic realm=\"https://" + host() + "/\",service=\"ecr.amazonaws.com\"");
        sendError(exchange, 401, "UNAUTHORIZED", authError.get());
        return;
      }

      if (repository != null && !isKnownOrCreatedOnPush(exchange, repository, route)) {
        return;
      }
      Optional<String> denied = repository == null ? Optional.empty()
          : state.accessFaults().deniedAction(
              AccessFaults.registryAction(exchange.getRequestMethod(), route), repository, false);
      if (denied.isPresent()) {
        sendError(exchange, 403, "DENIED", denied.get());
        return;
      }
      String mountSource = queryParameters(exchange.getRequestURI()).get("from");
      if (route != null && route.startsWith("blobs/uploads") && mountSource != null
          && !isKnownRepository(exchange, mountSource)) {
        return;
      }

      byte[] manifest = null;
      if (exchange.getRequestMethod().equals("PUT") && route != null
          && route.startsWith("manifests/")) {
        manifest = readManifest(exchange);
        if (manifest == null || isRejectedByTagImmutability(exchange, repository, route, manifest)) {
          return;
        }
      }
      forward(exchange, repository, route, manifest);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Local ECR registry front failed on " + exchange.getRequestMethod()
          + " " + exchange.getRequestURI(), e);
      throw e;
    }
  }

  /**
   * Applies an injected fault and returns whether it sent the response. A token expiry only
   * expires the request's password, so the usual authorization check then rejects it.
   */
  private boolean applyFault(HttpExchange exchange, RegistryFaults.Rule fault) throws IOException {
    LOG.log(Level.INFO, "Injecting " + fault.action() + " into " + exchange.getRequestMethod() + " "
        + exchange.getRequestURI());
    switch (fault.action()) {
      case EXPIRE_TOKENS:
        requestPassword(exchange.getRequestHeaders()).ifPresent(state::expirePassword);
        return false;
      case THROTTLE:
        traffic(exchange).bytesPerSecond = fault.bytesPerSecond();
        return false;
      case RESET:
        // Reading part of the body first puts the failure in the middle of the upload. Closing the
        // exchange before any response header closes the connection.
        exchange.getRequestBody().readNBytes(16 * 1024);
        return true;
      default:
        fault.retryAfterSeconds().ifPresent(
            seconds -> exchange.getResponseHeaders().set("Retry-After", Integer.toString(seconds)));
        String code = fault.status() == 429 ? "TOOMANYREQUESTS" : "UNAVAILABLE";
        sendError(exchange, fault.status(), code, "Injected fault: HTTP " + fault.status());
        return true;
    }
  }

  /** Returns the password of the request's Basic authorization, if it has one. */
  private static Optional<String> requestPassword(Headers headers) {
    String authorization = headers.getFirst("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
          StandardCharsets.UTF_8);
      return credentials.startsWith("AWS:") ? Optional.of(credentials.substring(4)) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Returns why the request is not authorized, or empty if it carries a valid password. */
  private Optional<String> checkAuthorization(Headers headers) {
    Optional<java.time.Instant> expiry = requestPassword(headers).flatMap(state::passwordExpiry);
    if (expiry.isEmpty()) {
      return Optional.of("Not Authorized");
    }
    if (!state.now().isBefore(expiry.get())) {
      return Optional.of("Your authorization token has expired. Reauthenticate and try again.");
    }
    return Optional.empty();
  }


  /**
   * Returns whether the repository exists or this request created it. A push (a blob upload or a
   * manifest upload) to a missing repository creates it with the settings of the repository
   * creation template that {@link CreationTemplates#forCreateOnPush} selects, as ECR does; without
   * such a template, or for any other request, the front sends 404 NAME_UNKNOWN.
   */
  private boolean isKnownOrCreatedOnPush(HttpExchange exchange, String repository, String route)
      throws IOException {
    if (state.repository(repository).isPresent()) {
      return true;
    }
    boolean push = route.startsWith("blobs/uploads")
        || (route.startsWith("manifests/") && exchange.getRequestMethod().equals("PUT"));
    Optional<CreationTemplates.Template> template = push
        ? CreationTemplates.forCreateOnPush(state.templates(), repository)
        : Optional.empty();
    if (template.isEmpty() || !EcrRequests.REPOSITORY_NAME.matcher(repository).matches()
        || repository.length() > 256) {
      return isKnownRepository(exchange, repository);
    }
    Optional<String> denied =
        state.accessFaults().deniedAction("CreateRepository", repository, false);
    if (denied.isPresent()) {
      sendError(exchange, 403, "DENIED", denied.get());
      return false;
    }
    // ECR creates the repository as the template's repository creation role, else as the caller.
    // NOTE: the status and code of this failure are modeled, not captured from ECR.
    String creator = Optional.ofNullable(template.get().customRoleArn())
        .orElse(state.account().userArn());
    Optional<String> kmsFailure =
        state.accessFaults().kmsFailure(template.get().encryption().kmsKeyArn(), creator);
    if (kmsFailure.isPresent()) {
      sendError(exchange, 403, "DENIED", "Repository " + repository + " could not be created with"
          + " the repository creation template of prefix " + template.get().prefix() + ": "
          + kmsFailure.get());
      return false;
    }
    if (state.addRepository(template.get().newRepository(repository, state.now()))) {
      LOG.log(Level.INFO, "Created repository " + repository + " on push with the creation "
          + "template of prefix " + template.get().prefix());
    }
    return true;
  }

  /** Returns whether the repository exists, after sending 404 NAME_UNKNOWN if it does not. */
  private boolean isKnownRepository(HttpExchange exchange, String repository) throws IOException {
    if (state.repository(repository).isPresent()) {
      return true;
    }
    sendError(exchange, 404, "NAME_UNKNOWN",
        EcrOperations.repositoryNotFoundMessage(state.account().accountId(), repository));
    return false;
  }

  /** Reads a manifest body, or sends 400 MANIFEST_INVALID and returns null if it is too large. */
  private byte[] readManifest(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readNBytes(MAX_MANIFEST_BYTES + 1);
    state.addRegistryBytesReceived(body.length);
    traffic(exchange).received.addAndGet(body.length);
    if (body.length > MAX_MANIFEST_BYTES) {
      sendError(exchange, 400, "MANIFEST_INVALID",
          "The manifest exceeds " + MAX_MANIFEST_BYTES + " bytes.");
      return null;
    }
    return body;
  }

  /**
   * Sends 400 TAG_INVALID, as ECR does, when an immutable tag already points to a different
   * manifest, and returns whether it did. {@link TagImmutability} decides which tags are
   * immutable.
   */
  private boolean isRejectedByTagImmutability(
      HttpExchange exchange, String repository, String route, byte[] manifest)
      throws IOException {
    String reference = route.substring("manifests/".length());
    boolean immutable =
        state.repository(repository).map(r -> TagImmutability.isImmutable(r, reference))
            .orElse(false);
    if (!immutable || reference.contains(":")) {
      return false;
    }
    HttpRequest head =
        HttpRequest.newBuilder(registry.resolve("/v2/" + repository + "/" + route))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .header("Accept", String.join(", ",
                "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.oci.image.index.v1+json",
                "application/vnd.docker.distribution.manifest.v2+json",
                "application/vnd.docker.distribution.manifest.list.v2+json"))
            .build();
    HttpResponse<Void> existing = send(head, HttpResponse.BodyHandlers.discarding());
    Optional<String> existingDigest = existing.headers().firstValue("Docker-Content-Digest");
    if (existing.statusCode() != 200 || existingDigest.isEmpty()
        || existingDigest.get().equals(sha256Digest(manifest))) {
      return false;
    }
    sendError(exchange, 400, "TAG_INVALID",
        "The image tag '" + reference + "' already exists in the '" + repository
            + "' repository and cannot be overwritten because the repository is immutable.");
    return true;
  }

  private void forward(HttpExchange exchange, String repository, String route, byte[] manifest)
      throws IOException {
    URI requestUri = exchange.getRequestURI();
    String rawQuery = requestUri.getRawQuery();
    URI target =
        registry.resolve(requestUri.getRawPath() + (rawQuery == null ? "" : "?" + rawQuery));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target).method(exchange.getRequestMethod(), body(exchange, manifest));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!SKIPPED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> request.header(name, value));
      }
    });

    HttpResponse<InputStream> response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream upstream = response.body()) {
      Headers headers = exchange.getResponseHeaders();
      response.headers().map().forEach((name, values) -> {
        String lowerCase = name.toLowerCase(Locale.ROOT);
        if (lowerCase.equals("location")) {
          values.forEach(value -> headers.add(name, rewriteLocation(value)));
        } else if (!SKIPPED_HEADERS.contains(lowerCase) && !lowerCase.equals(":status")) {
          headers.put(name, values);
        }
      });

      int status = response.statusCode();
      if (manifest != null && status == 201) {
        response.headers().firstValue("Docker-Content-Digest")
            .ifPresent(digest -> state.recordManifestPush(repository, digest));
      }
      long contentLength = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (exchange.getRequestMethod().equals("HEAD")) {
        if (contentLength >= 0) {
          headers.set("Content-Length", Long.toString(contentLength));
        }
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      boolean noBody = contentLength == 0 || status == 204 || status == 304;
      exchange.sendResponseHeaders(status, noBody ? -1 : Math.max(contentLength, 0));
      if (!noBody) {
        try (OutputStream out = new CountingOutputStream(exchange.getResponseBody(), traffic(exchange))) {
          upstream.transferTo(out);
        }
      }
    }
  }

  private HttpRequest.BodyPublisher body(HttpExchange exchange, byte[] manifest) {
    if (manifest != null) {
      return HttpRequest.BodyPublishers.ofByteArray(manifest);
    }
    Headers headers = exchange.getRequestHeaders();
    String contentLength = headers.getFirst("Content-Length");
    boolean chunked = "chunked".equalsIgnoreCase(headers.getFirst("Transfer-Encoding"));
    long length = contentLength == null ? -1 : Long.parseLong(contentLength.strip());
    if (!chunked && length <= 0) {
      return HttpRequest.BodyPublishers.noBody();
    }
    Traffic requestTraffic = traffic(exchange);
    HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(
        () -> new CountingInputStream(exchange.getRequestBody(), requestTraffic));
    return chunked ? stream : HttpRequest.BodyPublishers.fromPublisher(stream, length);
  }

  private String rewriteLocation(String location) {
    String registryBase = registry.toString();
    if (location.startsWith(registryBase)) {
      return "https://" + host() + location.substring(registryBase.length());
    }
    return location;
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    try {
      return client.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while forwarding " + request.uri(), e);
    }
  }

  private void sendError(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    ObjectNode body = mapper.createObjectNode();
    ObjectNode error = body.putArray("errors").addObject();
    error.put("code", code);
    error.put("message", message);
    byte[] bytes = mapper.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = new CountingOutputStream(exchange.getResponseBody(), traffic(exchange))) {
      out.write(bytes);
    }
  }

  private Traffic traffic(HttpExchange exchange) {
    return trafficByExchange.get(exchange);
  }

  /** Returns the raw path and query, without the upload state, which is long and opaque. */
  private static String loggedPathAndQuery(URI uri) {
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery().replaceAll("(^|&)_state=[^&]*", "");
    query = query.startsWith("&") ? query.substring(1) : query;
    return uri.getRawPath() + (query.isEmpty() ? "" : "?" + query);
  }

  private static Map<String, String> queryParameters(URI uri) {
    Map<String, String> parameters = new HashMap<>();
    String query = uri.getRawQuery();
    if (query == null) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return parameters;
  }

  static String sha256Digest(byte[] content) {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(content);
      return "sha256:" + java.util.HexFormat.of().formatHex(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static SSLContext sslContext(Path serverKeyStore) throws IOException {
    char[] password = LocalEcrCertificates.PASSWORD.toCharArray();
    try {
      KeyStore keyStore = KeyStore.getInstance(serverKeyStore.toFile(), password);
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keyStore, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("Failed to load the server key from " + serverKeyStore + ": " + e, e);
    }
  }

  /** The body bytes of one request and its response. */
  private static final class Traffic {
    final AtomicLong received = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    /** The rate the request body is read at, or 0 for no limit. */
    volatile long bytesPerSecond;
  }

  /** Counts the request body bytes that pass through it into the shared state and the request's traffic. */
  private final class CountingInputStream extends FilterInputStream {
    private final Traffic traffic;

    CountingInputStream(InputStream in, Traffic traffic) {
      super(in);
      this.traffic = traffic;
    }

    @Override
    public int read() throws IOException {
      int value = super.read();
      if (value >= 0) {
        count(1);
      }
      return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      long rate = traffic.bytesPerSecond;
      int count = super.read(buffer, offset, rate > 0 ? Math.min(length, THROTTLED_READ_BYTES) : length);
      if (count > 0) {
        count(count);
        pause(count, rate);
      }
      return count;
    }

    private void count(long bytes) {
      state.addRegistryBytesReceived(bytes);
      traffic.received.addAndGet(bytes);
    }

    /** Sleeps as long as {@code bytes} take at {@code rate} bytes per second, when a rate is set. */
    private void pause(long bytes, long rate) throws IOException {
      if (rate <= 0) {
        return;
      }
      try {
        Thread.sleep(bytes * 1000 / rate);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("Interrupted while throttling an upload");
      }
    }
  }

  /** Counts the response body bytes that pass through it into the shared state and the request's traffic. */
  private final class CountingOutputStream extends FilterOutputStream {
    private final Traffic traffic;

    CountingOutputStream(OutputStream out, Traffic traffic) {
      super(out);
      this.traffic = traffic;
    }

    @Override
    public void write(int value) throws IOException {
      out.write(value);
      count(1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      out.write(buffer, offset, length);
      count(length);
    }

    private void count(long bytes) {
      state.addRegistryBytesSent(bytes);
      traffic.sent.addAndGet(bytes);
    }
  }
}
