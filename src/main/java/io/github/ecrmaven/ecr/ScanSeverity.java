package io.github.ecrmaven.ecr;

import java.util.Locale;
import java.util.Optional;

/**
 * The severity of a scan finding, from the lowest to the highest, as ECR's basic scanning and Amazon
 * Inspector's enhanced scanning report it.
 *
 * <p>{@code UNDEFINED} is the lowest, so a gate at {@code UNDEFINED} fails on every finding. Enhanced
 * scanning also reports {@code UNTRIAGED}, and both may add values later; {@link #of} counts any value
 * it does not know as {@code UNDEFINED}.
 */
public enum ScanSeverity {
  UNDEFINED,
  INFORMATIONAL,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The values {@code <scan><failOnSeverity>} accepts, for messages. */
  static final String THRESHOLD_VALUES = "CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNDEFINED or NONE";

  /** Returns the severity that ECR reports as {@code value}, or {@code UNDEFINED} for null or an unknown value. */
  public static ScanSeverity of(String value) {
    if (value == null) {
      return UNDEFINED;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNDEFINED;
    }
  }

  /**
   * Parses a gate threshold: a severity name in any case, or {@code NONE}, which returns empty and so only
   * reports the findings.
   *
   * @throws IllegalArgumentException when {@code value} is none of these; the message lists the values
   */
  public static Optional<ScanSeverity> parseThreshold(String value) {
    String normalized = value.trim().toUpperCase(Locale.ROOT);
    if (normalized.equals("NONE")) {
      return Optional.empty();
    }
    for (ScanSeverity severity : values()) {
      if (severity.name().equals(normalized)) {
        return Optional.of(severity);
      }
    }
    throw new IllegalArgumentException("expected " + THRESHOLD_VALUES);
  }

  /** Returns whether this severity is {@code threshold} or higher. */
  public boolean isAtLeast(ScanSeverity threshold) {
    return compareTo(threshold) >= 0;
  }
}
