package io.github.ecrmaven.localecr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A CNCF Distribution registry ({@code /usr/bin/docker-registry}) serving plain HTTP on
 * 127.0.0.1 with no authentication, storing its data in a folder of its own.
 */
final class DistributionProcess implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final int port;
  private final Path logFile;
  private final Thread shutdownHook;

  private DistributionProcess(Process process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
    this.shutdownHook = new Thread(process::destroy, "local-ecr-registry-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts the registry with its configuration, data and log under {@code workDirectory}, and
   * waits until {@code GET /v2/} returns 200.
   *
   * @throws IOException if the binary is missing, or the registry fails to start within 20 s
   */
  static DistributionProcess start(Path workDirectory) throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IOException(
          "docker-registry not found: install it with "
              + "`apt-get install -y --no-install-recommends docker-registry`");
    }
    int port = freePort();
    // The local ECR's repositories live in memory, so images left from an earlier start would
    // belong to no repository and show tags that no push of this run wrote.
    io.github.ecrmaven.testing.TestFiles.deleteRecursively(workDirectory.resolve("registry-data"));
    Path dataDirectory = Files.createDirectories(workDirectory.resolve("registry-data"));
    Path config = workDirectory.resolve("registry-config.yml");
    Path logFile = workDirectory.resolve("registry.log");
    Files.writeString(config, configuration(port, dataDirectory), StandardCharsets.UTF_8);

    Process process =
        new ProcessBuilder(List.of(BINARY.toString(), "serve", config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .start();
    DistributionProcess registry = new DistributionProcess(process, port, logFile);
    try {
      registry.awaitReady();
    } catch (IOException | RuntimeException e) {
      registry.close();
      throw e;
    }
    return registry;
  }

  /** Returns the base URI of the registry, {@code http://127.0.0.1:PORT}. */
  URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  Path logFile() {
    return logFile;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down, and the hook runs anyway.
    }
  }

  private void awaitReady() throws IOException {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(baseUri().resolve("/v2/")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "docker-registry exited with code " + process.exitValue() + " on start:\n" + logTail());
      }
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting for docker-registry", e);
      }
      sleep(50);
    }
    throw new IOException(
        "docker-registry did not answer GET /v2/ within "
            + START_TIMEOUT.toSeconds()
            + " s on port "
            + port
            + ":\n"
            + logTail());
  }

  /** Returns the last 40 lines of the registry's log. */
  String logTail() {
    return tail(logFile, 40);
  }

  static String tail(Path file, int lines) {
    try {
      if (!Files.exists(file)) {
        return "(no log at " + file + ")";
      }
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(failed to read " + file + ": " + e + ")";
    }
  }

  private static String configuration(int port, Path dataDirectory) {
    return String.join(
        "\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "  accesslog:",
        "    disabled: true",
        "storage:",
        "  filesystem:",
        "    rootdirectory: \"" + dataDirectory + "\"",
        "  delete:",
        "    enabled: true",
        "http:",
        "  addr: 127.0.0.1:" + port,
        "  secret: local-ecr-fixed-secret",
        "  relativeurls: true",
        "");
  }

  /** Returns a TCP port that was free on 127.0.0.1 a moment ago. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while waiting for docker-registry", e);
    }
  }
}
