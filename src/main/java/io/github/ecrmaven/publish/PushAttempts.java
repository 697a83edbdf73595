package io.github.ecrmaven.publish;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ecr.EcrAccessException;
import io.github.ecrmaven.ecr.RegistryCredential;
import io.github.ecrmaven.image.BuiltImage;
import io.github.ecrmaven.image.ImageBuildException;
import io.github.ecrmaven.image.RegistryFailure;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs a push again after a transient registry failure (HTTP 5xx, 429 or a broken connection), with a
 * growing pause or the one the registry's {@code Retry-After} header requests, and once with a new
 * authorization token after HTTP 401. Pushing again is safe: layers are addressed by content, and
 * Jib skips the ones the registry already has.
 */
final class PushAttempts {
  static final int MAX_ATTEMPTS = 5;
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(8);
  /** The longest {@code Retry-After} the plugin waits for, so that one response cannot stall a build. */
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  /** One push with a given credential. */
  interface Attempt {
    BuiltImage run(RegistryCredential credential) throws ImageBuildException, InterruptedException;
  }

  /** Replaces a credential that the registry rejected. */
  interface CredentialRefresh {
    RegistryCredential refresh(RegistryCredential rejected) throws EcrAccessException;
  }

  private final BuildLog log;

  PushAttempts(BuildLog log) {
    this.log = log;
  }

  /**
   * Runs {@code attempt} until it succeeds, fails for good, or {@value #MAX_ATTEMPTS} attempts failed.
   *
   * @param endpoint the registry host and repository, for log lines and the final message
   * @throws ImageBuildException when the last attempt failed; after transient failures the message
   *     names the status, the endpoint and the number of attempts
   * @throws EcrAccessException when a new authorization token cannot be fetched
   */
  BuiltImage run(String endpoint, RegistryCredential credential, Attempt attempt, CredentialRefresh refresh)
      throws ImageBuildException, EcrAccessException, InterruptedException {
    long start = System.nanoTime();
    Duration pause = FIRST_PAUSE;
    boolean refreshed = false;
    int number = 1;
    while (true) {
      try {
        return attempt.run(credential);
      } catch (ImageBuildException e) {
        RegistryFailure failure = RegistryFailure.of(e);
        if (failure.kind() == RegistryFailure.Kind.UNAUTHORIZED && !refreshed) {
          log.warn("The registry " + endpoint + " rejected the authorization token (HTTP 401), which happens when"
              + " it expires during a push. Fetching a new token and pushing again.");
          credential = refresh.refresh(credential);
          refreshed = true;
          continue;
        }
        if (failure.kind() != RegistryFailure.Kind.TRANSIENT) {
          throw e;
        }
        if (number >= MAX_ATTEMPTS) {
          throw new ImageBuildException("Failed to push to " + endpoint + ": " + describe(failure) + " on each of "
              + number + " attempts in " + seconds(Duration.ofNanos(System.nanoTime() - start)) + ". The last"
              + " failure: " + e.getMessage() + ". Check the registry's status and the network path to it (proxy,"
              + " VPC endpoint), then run the build again.", e);
        }
        Duration wait = failure.retryAfter().map(asked -> asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked)
            .orElse(pause);
        log.warn("Push to " + endpoint + " failed with " + describe(failure) + " (attempt " + number + " of "
            + MAX_ATTEMPTS + "); trying again in " + seconds(wait)
            + (failure.retryAfter().isPresent() ? ", as its Retry-After header asks" : ""));
        Thread.sleep(wait.toMillis());
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        number++;
      }
    }
  }

  private static String describe(RegistryFailure failure) {
    return failure.status().map(status -> "HTTP " + status).orElse("a broken connection");
  }

  /** Formats a duration as whole seconds when it has no fraction, such as {@code 2 s}, else as {@code 0.5 s}. */
  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
