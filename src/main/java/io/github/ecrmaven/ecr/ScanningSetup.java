package io.github.ecrmaven.ecr;

import java.util.Optional;

/**
 * The scanning that applies to one repository, as the registry's scanning configuration and the
 * repository's own setting decide it.
 *
 * @param enhanced whether the registry uses enhanced scanning (Amazon Inspector) instead of basic scanning
 * @param frequency {@code SCAN_ON_PUSH} or {@code CONTINUOUS_SCAN} when the repository's images are scanned
 *     automatically, else empty: then only a manual {@code StartImageScan} (basic scanning) gives a scan
 * @param source where the setting comes from, for log lines and messages
 */
public record ScanningSetup(boolean enhanced, Optional<String> frequency, String source) {

  /** Returns whether ECR scans the repository's images without being asked. */
  public boolean scansAutomatically() {
    return frequency.isPresent();
  }

  /** Returns the scan type as ECR names it: {@code BASIC} or {@code ENHANCED}. */
  public String scanType() {
    return enhanced ? "ENHANCED" : "BASIC";
  }

  /** Describes the setup for a log line, such as "ENHANCED scanning, CONTINUOUS_SCAN (registry rule 'team/*')". */
  public String describe() {
    return scanType() + " scanning, " + frequency.orElse("no automatic scan") + " (" + source + ")";
  }
}
