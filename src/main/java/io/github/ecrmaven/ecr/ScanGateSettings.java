package io.github.ecrmaven.ecr;

import io.github.ecrmaven.ConfigurationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The scan gate: whether to wait for the image scan after a push or verification, for how long, and
 * from which finding severity on the build fails.
 *
 * @param enabled whether to wait for the scan at all
 * @param timeout how long to wait for the scan to finish
 * @param failOnSeverity the lowest severity that fails the build, or empty to only report the findings
 */
public record ScanGateSettings(boolean enabled, Duration timeout, Optional<ScanSeverity> failOnSeverity) {

  /** The default time to wait: basic scans usually finish in a minute or two, enhanced first scans can take longer. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /** The default threshold. */
  public static final ScanSeverity DEFAULT_FAIL_ON_SEVERITY = ScanSeverity.HIGH;

  /** The longest accepted timeout, which catches a value meant as milliseconds. */
  static final Duration MAX_TIMEOUT = Duration.ofHours(24);

  /** Returns the settings of a gate that is off. */
  public static ScanGateSettings disabled() {
    return new ScanGateSettings(false, DEFAULT_TIMEOUT, Optional.of(DEFAULT_FAIL_ON_SEVERITY));
  }

  /**
   * Validates the configured values; a null value takes its default.
   *
   * @param timeout an ISO 8601 duration such as {@code PT5M}, or whole seconds such as {@code 300}
   * @param failOnSeverity a severity name or {@code NONE}
   * @throws ConfigurationException naming the element, the property, the value and the fix
   */
  public static ScanGateSettings of(boolean enabled, String timeout, String failOnSeverity)
      throws ConfigurationException {
    Duration parsedTimeout = timeout == null ? DEFAULT_TIMEOUT : parseTimeout(timeout);
    Optional<ScanSeverity> threshold = Optional.of(DEFAULT_FAIL_ON_SEVERITY);
    if (failOnSeverity != null) {
      try {
        threshold = ScanSeverity.parseThreshold(failOnSeverity);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(
            "Invalid <scan><failOnSeverity> (ecr.scan.failOnSeverity) '" + failOnSeverity + "': "
                + e.getMessage() + ". The build fails on a finding of this severity or higher; NONE only reports"
                + " the findings.",
            e);
      }
    }
    return new ScanGateSettings(enabled, parsedTimeout, threshold);
  }

  private static Duration parseTimeout(String value) throws ConfigurationException {
    String trimmed = value.trim();
    Duration parsed;
    try {
      parsed = trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()
          ? Duration.ofSeconds(Long.parseLong(trimmed))
          : Duration.parse(trimmed.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      throw invalidTimeout(value, "give a positive ISO 8601 duration such as PT5M or PT90S, or a positive number of"
          + " seconds such as 300", e);
    }
    if (parsed.isZero() || parsed.isNegative()) {
      throw invalidTimeout(value, "the time to wait for the scan must be positive, such as PT5M", null);
    }
    if (parsed.compareTo(MAX_TIMEOUT) > 0) {
      throw invalidTimeout(value, "the time to wait for the scan must be at most " + MAX_TIMEOUT
          + " (24 hours); the value is in seconds, or an ISO 8601 duration such as PT10M", null);
    }
    return parsed;
  }

  private static ConfigurationException invalidTimeout(String value, String fix, Exception cause) {
    return new ConfigurationException(
        "Invalid <scan><timeout> (ecr.scan.timeout) '" + value + "': " + fix + ".", cause);
  }

  /** Returns the threshold for messages: a severity name, or {@code NONE}. */
  public String thresholdName() {
    return failOnSeverity.map(Enum::name).orElse("NONE");
  }
}
