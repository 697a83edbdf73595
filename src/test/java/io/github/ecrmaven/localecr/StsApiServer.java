package io.github.ecrmaven.localecr;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The local STS: the {@code AssumeRole} action of the AWS Query protocol over plain HTTP on
 * 127.0.0.1, on a port of its own. The AWS SDK sends {@code POST /} with a form body such as
 * {@code Action=AssumeRole&Version=2011-06-15&RoleArn=...&RoleSessionName=...}, signed with
 * SigV4 for service {@code sts}, and reads STS's XML responses and {@code ErrorResponse} errors.
 *
 * <p>With an endpoint override, SDK 2.59.1 signs for the client's region, so an {@code StsClient}
 * in {@code us-east-1} signs for {@code us-east-1}. This endpoint, like a regional STS endpoint,
 * accepts only the local ECR's region and returns {@code SignatureDoesNotMatch} otherwise.
 */
final class StsApiServer implements AutoCloseable {

  private static final String API_VERSION = "2011-06-15";
  private static final String XML_NAMESPACE = "https://sts.amazonaws.com/doc/" + API_VERSION + "/";
  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
  /** The {@code DurationSeconds} range of the STS API reference. The default is one hour. */
  private static final int MIN_DURATION_SECONDS = 900;
  private static final int MAX_DURATION_SECONDS = 43_200;
  /** The Query protocol's codes for the JSON protocol's error types that SigV4Verifier raises. */
  private static final Map<String, String> SIGNATURE_ERROR_CODES =
      Map.of(
          "UnrecognizedClientException", "InvalidClientTokenId",
          "InvalidSignatureException", "SignatureDoesNotMatch",
          "IncompleteSignatureException", "IncompleteSignature",
          "MissingAuthenticationTokenException", "MissingAuthenticationToken",
          "ExpiredTokenException", "ExpiredToken");
  private static final System.Logger LOG = System.getLogger(StsApiServer.class.getName());

  private final HttpServer server;
  private final ExecutorService executor;
  private final LocalEcrState state;
  private final SigV4Verifier verifier;

  private StsApiServer(
      HttpServer server, ExecutorService executor, LocalEcrState state, SigV4Verifier verifier) {
    this.server = server;
    this.executor = executor;
    this.state = state;
    this.verifier = verifier;
  }

  /** Starts the server on 127.0.0.1 and {@code port}, or on any free port if it is 0. */
  static StsApiServer start(int port, LocalEcrState state, SigV4Verifier verifier)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    ExecutorService executor =
        Executors.newFixedThreadPool(2, LocalEcr.daemonThreads("local-ecr-sts"));
    StsApiServer sts = new StsApiServer(server, executor, state, verifier);
    server.createContext("/", sts::handle);
    server.setExecutor(executor);
    server.start();
    return sts;
  }

  /** Returns the endpoint URI, {@code http://127.0.0.1:PORT}. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    try (exchange) {
      try {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
          throw new StsApiException(413, "RequestEntityTooLarge",
              "The request body exceeds " + MAX_BODY_BYTES + " bytes.");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> parameters =
            contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                ? parseForm(new String(body, StandardCharsets.UTF_8))
                : Map.of();
        String action = parameters.get("Action");
        state.countApiCall(String.valueOf(action));
        if (!exchange.getRequestMethod().equals("POST")
            || !("AssumeRole".equals(action) || "AssumeRoleWithWebIdentity".equals(action))) {
          throw new StsApiException(400, "InvalidAction", "Could not find operation " + action
              + " for version " + parameters.getOrDefault("Version", API_VERSION)
              + "; the local STS supports only POST with Action=AssumeRole or AssumeRoleWithWebIdentity.");
        }
        // As on AWS, AssumeRoleWithWebIdentity is not signed: the web identity token authenticates it.
        if ("AssumeRoleWithWebIdentity".equals(action)) {
          send(exchange, requestId, 200, assumeRoleWithWebIdentity(parameters, requestId));
          return;
        }

        CallerCredentials caller = verify(exchange, body);
        state.recordCaller(String.valueOf(action), caller);
        send(exchange, requestId, 200, assumeRole(caller, parameters, requestId));
      } catch (StsApiException e) {
        send(exchange, requestId, e.status(),
            errorResponse("Sender", e.code(), e.getMessage(), requestId));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.ERROR, "Local STS failed (request " + requestId + ")", e);
        send(exchange, requestId, 500,
            errorResponse("Receiver", "InternalFailure", "Internal error: " + e, requestId));
      }
    }
  }

  private CallerCredentials verify(HttpExchange exchange, byte[] body) throws StsApiException {
    String host = exchange.getRequestHeaders().getFirst("Host");
    URI uri = URI.create("http://" + host + exchange.getRequestURI());
    try {
      return verifier.verify(exchange.getRequestMethod(), uri, exchange.getRequestHeaders(), body);
    } catch (EcrApiException e) {
      String code = SIGNATURE_ERROR_CODES.getOrDefault(e.errorType(), e.errorType());
      throw new StsApiException(e.status(), code, e.getMessage());
    }
  }

  private String assumeRole(
      CallerCredentials caller, Map<String, String> parameters, String requestId)
      throws StsApiException {
    String roleArn = required(parameters, "RoleArn", "roleArn");
    String sessionName = required(parameters, "RoleSessionName", "roleSessionName");
    if (!SESSION_NAME.matcher(sessionName).matches()) {
      throw invalidValue(sessionName, "roleSessionName",
          "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length 2 to 64");
    }
    String externalId = parameters.get("ExternalId");
    if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
      throw invalidValue(externalId, "externalId",
          "Member must satisfy regular expression pattern: [\\w+=,.@:/-]* "
              + "and have length 2 to 1224");
    }
    Duration duration = Duration.ofSeconds(durationSeconds(parameters.get("DurationSeconds")));

    // NOTE: the local STS ignores Policy, PolicyArns, Tags, SerialNumber and SourceIdentity, and
    // does not model a role's MaxSessionDuration (one hour by default on AWS).
    Principals.Session session = state.principals()
        .assumeRole(caller.principalArn(), roleArn, sessionName, externalId, duration);
    CallerCredentials credentials = session.credentials();
    state.recordIssuedSecrets(credentials.secretAccessKey(), credentials.sessionToken());
    return "<AssumeRoleResponse xmlns=\"" + XML_NAMESPACE + "\">"
        + "<AssumeRoleResult>"
        + "<Credentials>"
        + element("AccessKeyId", credentials.accessKeyId())
        + element("SecretAccessKey", credentials.secretAccessKey())
        + element("SessionToken", credentials.sessionToken())
        + element("Expiration", credentials.expiration().toString())
        + "</Credentials>"
        + "<AssumedRoleUser>"
        + element("Arn", credentials.principalArn())
        + element("AssumedRoleId", session.assumedRoleId())
        + "</AssumedRoleUser>"
        + "</AssumeRoleResult>"
        + "<ResponseMetadata>" + element("RequestId", requestId) + "</ResponseMetadata>"
        + "</AssumeRoleResponse>";
  }

  /**
   * Handles {@code AssumeRoleWithWebIdentity} for a token that the test registered, as an identity
   * provider that AWS trusts would have issued it.
   */
  private String assumeRoleWithWebIdentity(Map<String, String> parameters, String requestId)
      throws StsApiException {
    String roleArn = required(parameters, "RoleArn", "roleArn");
    String sessionName = required(parameters, "RoleSessionName", "roleSessionName");
    String token = required(parameters, "WebIdentityToken", "webIdentityToken");
    if (!SESSION_NAME.matcher(sessionName).matches()) {
      throw invalidValue(sessionName, "roleSessionName",
          "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length 2 to 64");
    }
    if (!state.principals().isWebIdentityToken(token)) {
      throw new StsApiException(400, "InvalidIdentityToken",
          "Couldn't retrieve verification key from your identity provider");
    }
    Duration duration = Duration.ofSeconds(durationSeconds(parameters.get("DurationSeconds")));
    Principals.Session session = state.principals()
        .assumeRole("web-identity", roleArn, sessionName, null, duration);
    CallerCredentials credentials = session.credentials();
    state.recordIssuedSecrets(credentials.secretAccessKey(), credentials.sessionToken());
    return "<AssumeRoleWithWebIdentityResponse xmlns=\"" + XML_NAMESPACE + "\">"
        + "<AssumeRoleWithWebIdentityResult>"
        + element("SubjectFromWebIdentityToken", "system:serviceaccount:ci:builder")
        + element("Audience", "sts.amazonaws.com")
        + "<Credentials>"
        + element("AccessKeyId", credentials.accessKeyId())
        + element("SecretAccessKey", credentials.secretAccessKey())
        + element("SessionToken", credentials.sessionToken())
        + element("Expiration", credentials.expiration().toString())
        + "</Credentials>"
        + "<AssumedRoleUser>"
        + element("Arn", credentials.principalArn())
        + element("AssumedRoleId", session.assumedRoleId())
        + "</AssumedRoleUser>"
        + element("Provider", "local-oidc")
        + "</AssumeRoleWithWebIdentityResult>"
        + "<ResponseMetadata>" + element("RequestId", requestId) + "</ResponseMetadata>"
        + "</AssumeRoleWithWebIdentityResponse>";
  }

  private static int durationSeconds(String value) throws StsApiException {
    if (value == null) {
      return 3600;
    }
    int seconds;
    try {
      seconds = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalidValue(value, "durationSeconds", "Member must be an integer");
    }
    if (seconds < MIN_DURATION_SECONDS) {
      throw invalidValue(value, "durationSeconds",
          "Member must have value greater than or equal to " + MIN_DURATION_SECONDS);
    }
    if (seconds > MAX_DURATION_SECONDS) {
      throw invalidValue(value, "durationSeconds",
          "Member must have value less than or equal to " + MAX_DURATION_SECONDS);
    }
    return seconds;
  }

  private static String required(Map<String, String> parameters, String name, String member)
      throws StsApiException {
    String value = parameters.get(name);
    if (value == null || value.isEmpty()) {
      throw StsApiException.validationError("1 validation error detected: Value null at '"
          + member + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  private static StsApiException invalidValue(String value, String member, String constraint) {
    return StsApiException.validationError("1 validation error detected: Value '" + value
        + "' at '" + member + "' failed to satisfy constraint: " + constraint);
  }

  /**
   * Parses an {@code application/x-www-form-urlencoded} body. A repeated name keeps its last
   * value.
   */
  private static Map<String, String> parseForm(String body) {
    Map<String, String> parameters = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return parameters;
  }

  /** Returns an error document. {@code type} is {@code Sender} or {@code Receiver}. */
  private static String errorResponse(String type, String code, String message, String requestId) {
    return "<ErrorResponse xmlns=\"" + XML_NAMESPACE + "\">"
        + "<Error>" + element("Type", type) + element("Code", code)
        + element("Message", message) + "</Error>"
        + element("RequestId", requestId)
        + "</ErrorResponse>";
  }

  private static String element(String name, String text) {
    String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return "<" + name + ">" + escaped + "</" + name + ">";
  }

  private static void send(HttpExchange exchange, String requestId, int status, String xml)
      throws IOException {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
