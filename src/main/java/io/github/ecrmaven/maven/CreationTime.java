package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides the image's creation time, so that the same sources give the same digest: the configured
 * {@code <container><creationTime>}, else the project's {@code project.build.outputTimestamp}, which
 * Maven's reproducible builds use for archives too, else the epoch.
 */
final class CreationTime {
  static final String CURRENT = "USE_CURRENT_TIMESTAMP";

  private CreationTime() {}

  /**
   * Resolves the creation time.
   *
   * @param configured {@code EPOCH}, {@code USE_CURRENT_TIMESTAMP}, an ISO 8601 date and time, or null
   * @param outputTimestamp the project's {@code project.build.outputTimestamp}, or null
   * @return the fixed creation time, or empty for the time of each build
   * @throws ConfigurationException naming the parameter and the rejected value
   */
  static Optional<Instant> resolve(String configured, String outputTimestamp) throws ConfigurationException {
    if (configured != null && !configured.isBlank()) {
      String value = configured.trim();
      if (value.equalsIgnoreCase(CURRENT)) {
        return Optional.empty();
      }
      if (value.toUpperCase(Locale.ROOT).equals("EPOCH")) {
        return Optional.of(Instant.EPOCH);
      }
      return Optional.of(parse(value, "<container><creationTime> (ecr.container.creationTime)",
          "EPOCH, USE_CURRENT_TIMESTAMP, or an ISO 8601 date and time such as 2026-12-04T10:15:30Z"));
    }
    // Maven treats a one-character outputTimestamp as "not reproducible", as it does for archives.
    if (outputTimestamp != null && outputTimestamp.trim().length() > 1) {
      return Optional.of(parse(outputTimestamp.trim(), "project.build.outputTimestamp",
          "an ISO 8601 date and time such as 2026-12-04T10:15:30Z, or seconds since the epoch"));
    }
    return Optional.of(Instant.EPOCH);
  }

  /**
   * Parses {@code project.build.outputTimestamp} for callers that only compare times with it.
   *
   * @return the instant, or empty when the value is unset, one character long (Maven's "not reproducible"),
   *     or invalid, which {@link #resolve} reports
   */
  static Optional<Instant> outputTimestamp(String value) {
    if (value == null || value.trim().length() <= 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(value.trim(), "project.build.outputTimestamp", ""));
    } catch (ConfigurationException e) {
      return Optional.empty();
    }
  }

  private static Instant parse(String value, String source, String expected) throws ConfigurationException {
    if (value.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochSecond(Long.parseLong(value));
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new ConfigurationException("Invalid " + source + " '" + value + "': use " + expected + ".", e);
    }
  }
}
