package io.github.ecrmaven.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forward HTTP proxy on 127.0.0.1 for tests of proxy support. It opens {@code CONNECT
 * host:port} tunnels and forwards requests with an absolute URI ({@code POST http://host:port/
 * HTTP/1.1}), both only to {@code 127.0.0.1} and {@code localhost}. It rejects any other target
 * with 403 without connecting to it, and it resolves no host names.
 *
 * <p>With a user name and password it requires Basic proxy authentication and rejects a missing
 * or wrong {@code Proxy-Authorization} with 407 and {@code Proxy-Authenticate: Basic
 * realm="test"}. Each forwarded request gets its own connection to the target, sent with
 * {@code Connection: close}, and the proxy closes the client connection after the response, so a
 * client sends one request per connection. A tunnel copies bytes both ways until either side
 * closes.
 */
public final class TestHttpProxy implements AutoCloseable {

  private static final Set<String> ALLOWED_HOSTS = Set.of("127.0.0.1", "localhost");
  /** Hop-by-hop and proxy header fields, in lower case, that are not forwarded. */
  private static final List<String> HOP_BY_HOP_HEADERS =
      List.of("connection", "keep-alive", "proxy-authorization", "proxy-connection", "te",
          "upgrade");
  /** How long the proxy waits for a request head before it closes the connection. */
  private static final int HEAD_TIMEOUT_MILLIS = 30_000;
  /** How long the proxy waits for more bytes of a forwarded request's response. */
  private static final int RESPONSE_TIMEOUT_MILLIS = 60_000;
  private static final System.Logger LOG = System.getLogger(TestHttpProxy.class.getName());

  private final ServerSocket serverSocket;
  private final String expectedAuthorization;
  private final ExecutorService executor;
  private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connectTunnels = new AtomicInteger();
  private final AtomicInteger forwardedRequests = new AtomicInteger();
  private final AtomicInteger authenticationFailures = new AtomicInteger();
  private final List<String> targets = new CopyOnWriteArrayList<>();
  private volatile java.nio.file.Path recordFile;

  private TestHttpProxy(ServerSocket serverSocket, String expectedAuthorization) {
    this.serverSocket = serverSocket;
    this.expectedAuthorization = expectedAuthorization;
    AtomicInteger threadNumber = new AtomicInteger();
    // Unbounded, because each tunnel holds two threads for its whole life: a fixed pool deadlocks
    // when a client such as Jib opens more tunnels than the pool has threads.
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "test-http-proxy-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Appends a line for every tunnel the proxy opens ({@code CONNECT host:port}) and every request it
   * forwards ({@code FORWARD host:port}) to {@code file}, so that another class loader or process can
   * check the traffic, such as an invoker build's verify script.
   */
  public TestHttpProxy recordTo(java.nio.file.Path file) {
    this.recordFile = file;
    return this;
  }

  private synchronized void record(String line) {
    java.nio.file.Path file = recordFile;
    if (file == null) {
      return;
    }
    try {
      java.nio.file.Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Failed to record '" + line + "' in " + file + ": " + e);
    }
  }

  /** Starts a proxy without authentication on 127.0.0.1 and {@code port}, 0 for any free port. */
  public static TestHttpProxy start(int port) throws IOException {
    return start(port, null, null);
  }

  /**
   * Starts a proxy on 127.0.0.1 and {@code port} (0 for any free port) that requires Basic proxy
   * authentication with {@code username} and {@code password}, or none if both are null.
   */
  public static TestHttpProxy start(int port, String username, String password)
      throws IOException {
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("Give both the proxy user name and password, or neither");
    }
    String authorization = username == null ? null : "Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    ServerSocket serverSocket = new ServerSocket();
    serverSocket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    TestHttpProxy proxy = new TestHttpProxy(serverSocket, authorization);
    Thread acceptor = new Thread(proxy::acceptConnections, "test-http-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    LOG.log(Level.INFO, "Test HTTP proxy started on " + proxy.uri());
    return proxy;
  }

  /** Returns the proxy's TCP port. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** Returns {@code http://127.0.0.1:PORT}, the proxy's address as HTTP clients take it. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Returns how many {@code CONNECT} tunnels the proxy opened. */
  public int connectTunnels() {
    return connectTunnels.get();
  }

  /** Returns how many requests with an absolute URI the proxy forwarded to their target. */
  public int forwardedRequests() {
    return forwardedRequests.get();
  }

  /** Returns how many requests the proxy rejected with 407. */
  public int authenticationFailures() {
    return authenticationFailures.get();
  }

  /**
   * Returns the {@code host:port} targets of authenticated requests in arrival order, rejected
   * ones included.
   */
  public List<String> targets() {
    return List.copyOf(targets);
  }

  /** Stops accepting connections and closes every open connection and tunnel. */
  @Override
  public void close() {
    try {
      serverSocket.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Failed to close the test HTTP proxy's server socket", e);
    }
    openSockets.forEach(TestHttpProxy::closeQuietly);
    executor.shutdownNow();
    LOG.log(Level.INFO, "Test HTTP proxy on port " + port() + " stopped");
  }

  private void acceptConnections() {
    while (!serverSocket.isClosed()) {
      Socket client;
      try {
        client = serverSocket.accept();
      } catch (IOException e) {
        if (!serverSocket.isClosed()) {
          LOG.log(Level.ERROR, "Test HTTP proxy failed to accept a connection", e);
        }
        return;
      }
      openSockets.add(client);
      try {
        executor.execute(() -> serve(client));
      } catch (RejectedExecutionException e) {
        closeQuietly(client);
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(HEAD_TIMEOUT_MILLIS);
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      HttpMessageHead request = HttpMessageHead.read(in).orElse(null);
      if (request == null) {
        return;
      }
      String[] parts = request.startLine().split(" ");
      if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
        respond(out, 400, "Bad Request", List.of());
        return;
      }
      if (expectedAuthorization != null
          && !request.header("Proxy-Authorization").orElse("").equals(expectedAuthorization)) {
        authenticationFailures.incrementAndGet();
        respond(out, 407, "Proxy Authentication Required",
            List.of(Map.entry("Proxy-Authenticate", "Basic realm=\"test\"")));
        return;
      }
      if (parts[0].equals("CONNECT")) {
        tunnel(client, in, out, parts[1]);
      } else {
        forward(in, out, request, parts[0], parts[1], parts[2]);
      }
    } catch (SocketException e) {
      // The client or target closed the connection, or close() did.
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Test HTTP proxy connection from " + client.getRemoteSocketAddress()
          + " failed: " + e);
    } finally {
      openSockets.remove(client);
    }
  }

  private void tunnel(Socket client, InputStream in, OutputStream out, String authority)
      throws IOException {
    targets.add(authority);
    int colon = authority.lastIndexOf(':');
    int port = colon > 0 ? parsePort(authority.substring(colon + 1)) : -1;
    if (port < 0 || !isAllowedHost(authority.substring(0, colon))) {
      respond(out, 403, "Forbidden", List.of());
      return;
    }
    Socket target = connectOrRespond(port, out);
    if (target == null) {
      return;
    }
    try (target) {
      connectTunnels.incrementAndGet();
      record("CONNECT " + authority);
      new HttpMessageHead("HTTP/1.1 200 Connection established", List.of()).write(out);
      out.flush();
      client.setSoTimeout(0);
      Future<?> targetToClient = executor.submit(() -> copyThenShutdown(target, client));
      copyThenShutdown(in, client, target);
      targetToClient.get();
    } catch (RejectedExecutionException e) {
      LOG.log(Level.WARNING, "Test HTTP proxy has no thread left for the tunnel to " + authority);
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "Test HTTP proxy tunnel to " + authority + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      openSockets.remove(target);
    }
  }

  private void forward(InputStream in, OutputStream out, HttpMessageHead request, String method,
      String uriText, String version) throws IOException {
    URI uri;
    try {
      uri = new URI(uriText);
    } catch (URISyntaxException e) {
      respond(out, 400, "Bad Request", List.of());
      return;
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      // Covers origin-form requests such as "GET / HTTP/1.1", which a proxy cannot route.
      respond(out, 400, "Bad Request", List.of());
      return;
    }
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    targets.add(uri.getHost() + ":" + port);
    if (!isAllowedHost(uri.getHost())) {
      respond(out, 403, "Forbidden", List.of());
      return;
    }
    if (request.header("Transfer-Encoding").isPresent()) {
      // NOTE: the proxy does not relay chunked request bodies. The AWS SDK sends Content-Length.
      respond(out, 411, "Length Required", List.of());
      return;
    }
    long contentLength;
    try {
      contentLength = Long.parseLong(request.header("Content-Length").orElse("0"));
    } catch (NumberFormatException e) {
      respond(out, 400, "Bad Request", List.of());
      return;
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());

    Socket upstream = connectOrRespond(port, out);
    if (upstream == null) {
      return;
    }
    try (upstream) {
      upstream.setSoTimeout(RESPONSE_TIMEOUT_MILLIS);
      forwardedRequests.incrementAndGet();
      record("FORWARD " + uri.getHost() + ":" + port);
      OutputStream upstreamOut = upstream.getOutputStream();
      request.rewrite(method + " " + target + " " + version, HOP_BY_HOP_HEADERS,
              List.of(Map.entry("Connection", "close")))
          .write(upstreamOut);
      copyBytes(in, upstreamOut, contentLength);
      upstreamOut.flush();

      InputStream upstreamIn = new BufferedInputStream(upstream.getInputStream());
      HttpMessageHead response = HttpMessageHead.read(upstreamIn)
          .orElseThrow(() ->
              new IOException("The target closed the connection without a response"));
      response.rewrite(response.startLine(), List.of("connection", "keep-alive"),
              List.of(Map.entry("Connection", "close")))
          .write(out);
      // The target closes after the response, because the request asked it to.
      upstreamIn.transferTo(out);
      out.flush();
    } finally {
      openSockets.remove(upstream);
    }
  }

  /**
   * Connects to {@code port} on 127.0.0.1 and returns the socket, or responds with 502 and
   * returns null if the connection fails. Only loopback targets pass {@link #isAllowedHost}, so
   * the proxy connects to 127.0.0.1 without resolving the host name.
   */
  private Socket connectOrRespond(int port, OutputStream out) throws IOException {
    try {
      Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
      openSockets.add(socket);
      return socket;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Test HTTP proxy failed to connect to 127.0.0.1:" + port + ": " + e);
      respond(out, 502, "Bad Gateway", List.of());
      return null;
    }
  }

  private void copyThenShutdown(Socket from, Socket to) {
    try {
      copyThenShutdown(from.getInputStream(), from, to);
    } catch (IOException e) {
      closeQuietly(to);
    }
  }

  /** Copies {@code in} to {@code to} until end of stream, then ends {@code to}'s output. */
  private static void copyThenShutdown(InputStream in, Socket from, Socket to) {
    try {
      in.transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void copyBytes(InputStream in, OutputStream out, long count) throws IOException {
    byte[] buffer = new byte[8192];
    long remaining = count;
    while (remaining > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (read < 0) {
        throw new IOException("The client closed the connection " + remaining
            + " bytes before the end of the request body");
      }
      out.write(buffer, 0, read);
      remaining -= read;
    }
  }

  private static boolean isAllowedHost(String host) {
    return ALLOWED_HOSTS.contains(host.toLowerCase(Locale.ROOT));
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      return port > 0 && port <= 65535 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void respond(OutputStream out, int status, String reason,
      List<Map.Entry<String, String>> headers) throws IOException {
    List<Map.Entry<String, String>> all = new ArrayList<>(headers);
    all.add(Map.entry("Content-Length", "0"));
    all.add(Map.entry("Connection", "close"));
    new HttpMessageHead("HTTP/1.1 " + status + " " + reason, all).write(out);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // The socket is already closed or broken, so nothing is left to release.
    }
  }
}
