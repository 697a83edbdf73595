package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.ecrmaven.Background;
import io.github.ecrmaven.BuildLog;
import java.io.IOException;
import java.security.DigestException;
import java.time.Duration;

/**
 * Sends one anonymous request to a registry on a background thread while the plugin makes its ECR calls.
 * The first registry request of a JVM loads Jib Core's HTTP client, sets up TLS and compiles that code,
 * which took about half a second before Jib's first real request. When this request has paid for that,
 * Jib starts its work at once.
 *
 * <p>The request asks whether a blob with an all-zero digest exists, with {@code HEAD} and without a
 * credential. Every registry answers it without writing anything, and Docker Hub does not count it as
 * a pull. Its answer, usually 401, and any failure are ignored. Jib Core's HTTP client retries a failed
 * connection for minutes, so the caller stops the warm-up when Jib starts, by then it has done its work.
 */
public final class RegistryWarmUp {
  private static final String NO_BLOB = "sha256:" + "0".repeat(64);

  private final Thread thread;

  private RegistryWarmUp(Thread thread) {
    this.thread = thread;
  }

  /**
   * Starts the request on a daemon thread and returns at once.
   *
   * @param registry the registry's {@code host[:port]}, which Jib contacts later in the same build
   * @param repository any repository name of that registry
   */
  public static RegistryWarmUp start(String registry, String repository, BuildLog log) {
    return new RegistryWarmUp(Background.run("ecr-registry-warm-up", () -> run(registry, repository, log)));
  }

  /** Ends the retries of a request still waiting for a response; a finished warm-up is left as it is. */
  public void stop() {
    thread.interrupt();
  }

  /** Waits at most {@code timeout} for the request to end, and returns whether it has. */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    thread.join(timeout.toMillis());
    return !thread.isAlive();
  }

  private static void run(String registry, String repository, BuildLog log) {
    long start = System.nanoTime();
    FailoverHttpClient http = new FailoverHttpClient(false, false, event -> {});
    try {
      RegistryClient.factory(EventHandlers.NONE, registry, repository, http)
          .setUserAgent("ecr-maven-plugin")
          .newRegistryClient()
          .checkBlob(DescriptorDigest.fromDigest(NO_BLOB));
      log.debug("Warm-up request to " + registry + " got a response in " + millis(start) + " ms");
    } catch (IOException | RegistryException | DigestException | RuntimeException e) {
      // Anonymous requests to a private registry end here; the warm-up has done its work all the same.
      log.debug("Warm-up request to " + registry + " ended in " + millis(start) + " ms: " + e.getClass().getSimpleName());
    } finally {
      try {
        http.shutDown();
      } catch (IOException e) {
        log.debug("Failed to close the warm-up connection to " + registry + ": " + e);
      }
    }
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
