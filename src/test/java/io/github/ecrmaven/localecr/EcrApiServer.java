package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local ECR API: AWS JSON 1.1 over plain HTTP on 127.0.0.1, as the AWS SDK speaks it to
 * ECR. Every request is {@code POST /} with {@code X-Amz-Target:
 * AmazonEC2ContainerRegistry_V20150921.<Operation>} and a SigV4 signature.
 */
final class EcrApiServer implements AutoCloseable {

  static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";

  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final System.Logger LOG = System.getLogger(EcrApiServer.class.getName());

  private final HttpServer server;
  private final ExecutorService executor;
  private final LocalEcrState state;
  private final SigV4Verifier verifier;
  private final EcrOperations operations;
  private final ObjectMapper mapper;

  private EcrApiServer(
      HttpServer server,
      ExecutorService executor,
      LocalEcrState state,
      SigV4Verifier verifier,
      EcrOperations operations,
      ObjectMapper mapper) {
    this.server = server;
    this.executor = executor;
    this.state = state;
    this.verifier = verifier;
    this.operations = operations;
    this.mapper = mapper;
  }

  /** Starts the server on 127.0.0.1 and {@code port}, or on any free port if it is 0. */
  static EcrApiServer start(
      int port,
      LocalEcrState state,
      SigV4Verifier verifier,
      EcrOperations operations,
      ObjectMapper mapper)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    ExecutorService executor = Executors.newFixedThreadPool(4, LocalEcr.daemonThreads("local-ecr-api"));
    EcrApiServer api = new EcrApiServer(server, executor, state, verifier, operations, mapper);
    server.createContext("/", api::handle);
    server.setExecutor(executor);
    server.start();
    return api;
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
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation =
          target != null && target.startsWith(TARGET_PREFIX)
              ? target.substring(TARGET_PREFIX.length())
              : String.valueOf(target);
      state.countApiCall(operation);
      try {
        byte[] body = readBody(exchange.getRequestBody());
        String host = exchange.getRequestHeaders().getFirst("Host");
        URI uri = URI.create("http://" + host + exchange.getRequestURI());
        CallerCredentials caller =
            verifier.verify(exchange.getRequestMethod(), uri, exchange.getRequestHeaders(), body);
        state.recordCaller(operation, caller);
        if (!exchange.getRequestMethod().equals("POST") || target == null
            || !target.startsWith(TARGET_PREFIX)) {
          throw EcrApiException.badRequest(
              "UnknownOperationException", "Unknown operation " + target + ".");
        }
        ObjectNode response = operations.invoke(operation, parse(body));
        send(exchange, requestId, 200, mapper.writeValueAsBytes(response));
      } catch (EcrApiException e) {
        sendError(exchange, requestId, e.status(), e.errorType(), e.getMessage(), e.members());
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.ERROR, "Local ECR API failed on " + operation + " (request " + requestId
            + ")", e);
        sendError(exchange, requestId, 500, "ServerException", "Internal error: " + e,
            java.util.Map.of());
      }
    }
  }

  private JsonNode parse(byte[] body) throws EcrApiException {
    if (body.length == 0) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode json = mapper.readTree(body);
      if (json == null || !json.isObject()) {
        throw EcrApiException.badRequest(
            "SerializationException", "The request body is not a JSON object.");
      }
      return json;
    } catch (JsonProcessingException e) {
      throw EcrApiException.badRequest(
          "SerializationException", "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw EcrApiException.badRequest("SerializationException", e.getMessage());
    }
  }

  private static byte[] readBody(InputStream in) throws IOException, EcrApiException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw EcrApiException.badRequest(
          "SerializationException", "The request body exceeds " + MAX_BODY_BYTES + " bytes.");
    }
    return body;
  }

  private void sendError(
      HttpExchange exchange, String requestId, int status, String type, String message,
      java.util.Map<String, String> members)
      throws IOException {
    ObjectNode error = mapper.createObjectNode();
    error.put("__type", type);
    error.put("message", message);
    members.forEach(error::put);
    exchange.getResponseHeaders().set("X-Amzn-ErrorType", type);
    send(exchange, requestId, status, mapper.writeValueAsBytes(error));
  }

  private static void send(HttpExchange exchange, String requestId, int status, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
