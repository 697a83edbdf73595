package io.github.ecrmaven.examples.hello;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small service: by default it prints its greeting and exits with status 0. When the
 * environment variable {@value #PORT_VARIABLE} is set, it serves the greeting as JSON on
 * {@code http://127.0.0.1:PORT/} (and {@code /health}) until it is stopped.
 */
public final class HelloService {

  /** The environment variable with the HTTP port. When it is unset, the service prints and exits. */
  public static final String PORT_VARIABLE = "HELLO_SERVICE_PORT";

  private static final Logger LOG = LoggerFactory.getLogger(HelloService.class);

  private HelloService() {}

  /** Prints the greeting, or serves it over HTTP when {@value #PORT_VARIABLE} is set. */
  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Greeting greeting = Greeting.load(json);
    String port = System.getenv(PORT_VARIABLE);
    if (port == null || port.isBlank()) {
      System.out.println(greeting.line());
      LOG.info("Printed the greeting of {} {} on Java {}", greeting.name(), greeting.version(),
          Runtime.version().feature());
      return;
    }
    serve(greeting, json, parsePort(port));
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException("out of range");
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid " + PORT_VARIABLE + " '" + text + "': expected a port number from 1 to 65535", e);
    }
  }

  private static void serve(Greeting greeting, ObjectMapper json, int port) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", greeting.name());
    body.put("version", greeting.version());
    body.put("greeting", greeting.line());
    byte[] greetingJson = json.writeValueAsBytes(body);
    byte[] healthJson = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);

    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/health", exchange -> respond(exchange, healthJson));
    server.createContext("/", exchange -> {
      if (!exchange.getRequestURI().getPath().equals("/")) {
        respond(exchange, 404, "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      respond(exchange, greetingJson);
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping the HTTP server on port {}", port);
      server.stop(0);
    }));
    server.start();
    LOG.info("{} {} serving on http://127.0.0.1:{}/", greeting.name(), greeting.version(), port);
  }

  private static void respond(HttpExchange exchange, byte[] body) throws IOException {
    respond(exchange, 200, body);
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    try (exchange; OutputStream output = exchange.getResponseBody()) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      output.write(body);
    }
  }
}
