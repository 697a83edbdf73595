package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreationTimeTest {

  @Test
  void defaultIsEpoch() throws ConfigurationException {
    assertEquals(Optional.of(Instant.EPOCH), CreationTime.resolve(null, null));
  }

  @Test
  void outputTimestampInIso8601() throws ConfigurationException {
    assertEquals(Optional.of(Instant.parse("2026-12-04T09:00:00Z")),
        CreationTime.resolve(null, "2026-12-04T10:00:00+01:00"));
  }

  @Test
  void outputTimestampInEpochSeconds() throws ConfigurationException {
    assertEquals(Optional.of(Instant.ofEpochSecond(1764806400L)), CreationTime.resolve(null, "1764806400"));
  }

  @Test
  void oneCharacterOutputTimestampIsIgnored() throws ConfigurationException {
    assertEquals(Optional.of(Instant.EPOCH), CreationTime.resolve(null, "a"));
  }

  @Test
  void configuredValueWins() throws ConfigurationException {
    assertEquals(Optional.of(Instant.EPOCH), CreationTime.resolve("epoch", "2026-12-04T10:00:00Z"));
  }

  @Test
  void currentTimestampMeansNoFixedTime() throws ConfigurationException {
    assertEquals(Optional.empty(), CreationTime.resolve("USE_CURRENT_TIMESTAMP", "2026-12-04T10:00:00Z"));
  }

  @Test
  void invalidConfiguredValueIsNamed() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> CreationTime.resolve("yesterday", null));
    assertTrue(e.getMessage().contains("<container><creationTime> (ecr.container.creationTime) 'yesterday'"),
        e.getMessage());
  }

  @Test
  void invalidOutputTimestampIsNamed() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> CreationTime.resolve(null, "04.12.2026"));
    assertTrue(e.getMessage().contains("project.build.outputTimestamp '04.12.2026'"), e.getMessage());
  }
}
