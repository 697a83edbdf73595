package io.github.ecrmaven.ecr;

import io.github.ecrmaven.BuildLog;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Waits for the scan of a pushed image, logs its findings by severity, and fails at or above the configured
 * severity.
 *
 * <p>A scan that is still pending at the timeout, that failed, or that cannot exist because nothing scans
 * the repository fails the gate: only a finished scan ({@code COMPLETE}, or {@code ACTIVE} for enhanced
 * scanning) counts as a result.
 */
public final class ImageScanGate {
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(15);

  private final EcrClient client;
  private final BuildLog log;

  public ImageScanGate(EcrClient client, BuildLog log) {
    this.client = client;
    this.log = log;
  }

  /**
   * Waits for the scan of {@code digest} and judges its findings.
   *
   * @throws EcrAccessException when the scan does not finish in time, ends without findings, finds
   *     something at or above the threshold, or a call fails. The message gives the next step
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public ImageScanResult check(EnsuredRepository repository, String digest, ScanGateSettings settings)
      throws EcrAccessException, InterruptedException {
    String image = repository.name() + "@" + digest;
    ScanningSetup setup = new RegistryScanning(client, log).setupFor(repository);
    log.info("Waiting up to " + seconds(settings.timeout()) + " for the scan of " + image + ": " + setup.describe());

    ImageScanResult result = waitForScan(repository, digest, image, setup, settings.timeout());
    log.info("Scan of " + image + " (" + setup.scanType() + ", " + result.status() + "): " + result.total()
        + (result.total() == 1 ? " finding" : " findings"));
    ScanSummary.table(result).forEach(log::info);
    if (!result.findings().isEmpty()) {
      log.info("Top findings:");
      ScanSummary.findings(result, 0, ScanSummary.TOP_FINDINGS).forEach(log::info);
      if (log.isDebugEnabled() && result.findings().size() > ScanSummary.TOP_FINDINGS) {
        log.debug("Further findings:");
        ScanSummary.findings(result, ScanSummary.TOP_FINDINGS, Integer.MAX_VALUE).forEach(log::debug);
      }
    }
    judge(image, result, settings);
    return result;
  }

  private ImageScanResult waitForScan(EnsuredRepository repository, String digest, String image,
      ScanningSetup setup, Duration timeout) throws EcrAccessException, InterruptedException {
    ImageScanReader reader = new ImageScanReader(client);
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = FIRST_PAUSE;
    Optional<String> lastStatus = Optional.of("");
    while (true) {
      ImageScanReader.Reading reading = reader.read(repository, digest, setup.enhanced());
      if (reading.result().isPresent()) {
        return reading.result().get();
      }
      if (reading.status().isEmpty() && !setup.scansAutomatically()) {
        throw ScanGateFailures.noScan(repository, digest, setup);
      }
      if (reading.status().isPresent()) {
        ScanGateFailures.checkNotFinal(image, reading.status().get(), reading.description(), setup);
      }
      if (!reading.status().equals(lastStatus)) {
        log.info("Scan of " + image + ": " + reading.status().orElse("not started yet")
            + reading.description().map(text -> " (" + text + ")").orElse(""));
        lastStatus = reading.status();
      }

      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw ScanGateFailures.timedOut(image, setup, timeout, reading.status(), reading.description());
      }
      Duration sleep = pause.toNanos() < remaining ? pause : Duration.ofNanos(remaining);
      log.debug("Checking the scan of " + image + " again in " + sleep.toMillis() + " ms");
      Thread.sleep(Math.max(1, sleep.toMillis()));
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }

  private void judge(String image, ImageScanResult result, ScanGateSettings settings) throws EcrAccessException {
    if (settings.failOnSeverity().isEmpty()) {
      log.info("Scan gate: <scan><failOnSeverity> is NONE, so the findings are only reported");
      return;
    }
    ScanSeverity threshold = settings.failOnSeverity().get();
    int failing = result.countAtOrAbove(threshold);
    if (failing > 0) {
      throw ScanGateFailures.findingsAtOrAbove(image, result, threshold, failing);
    }
    log.info("Scan gate passed: no finding at " + threshold + " or above in " + image);
  }

  static String seconds(Duration duration) {
    return duration.toSeconds() + " s";
  }
}
