package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanGateSettingsTest {

  @Test
  void defaultsWaitFiveMinutesAndFailOnHigh() throws Exception {
    ScanGateSettings settings = ScanGateSettings.of(true, null, null);
    assertEquals(Duration.ofMinutes(5), settings.timeout());
    assertEquals(Optional.of(ScanSeverity.HIGH), settings.failOnSeverity());
  }

  @Test
  void timeoutTakesIsoDurationOrSeconds() throws Exception {
    assertEquals(Duration.ofMinutes(10), ScanGateSettings.of(true, "PT10M", null).timeout());
    assertEquals(Duration.ofSeconds(90), ScanGateSettings.of(true, "pt90s", null).timeout());
    assertEquals(Duration.ofSeconds(300), ScanGateSettings.of(true, " 300 ", null).timeout());
  }

  @Test
  void timeoutRejectsUnknownFormat() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> ScanGateSettings.of(true, "5m", null));
    assertTrue(e.getMessage().startsWith("Invalid <scan><timeout> (ecr.scan.timeout) '5m': "), e.getMessage());
    assertTrue(e.getMessage().contains("PT5M"), e.getMessage());
  }

  @Test
  void timeoutRejectsZeroAndNegative() {
    for (String value : new String[] {"0", "PT0S", "-PT1M"}) {
      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> ScanGateSettings.of(true, value, null), value);
      assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
    }
  }

  @Test
  void timeoutRejectsMoreThanOneDay() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> ScanGateSettings.of(true, "300000", null));
    assertTrue(e.getMessage().contains("at most PT24H"), e.getMessage());
  }

  @Test
  void failOnSeverityRejectsUnknownName() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> ScanGateSettings.of(false, null, "severe"));
    assertTrue(e.getMessage().startsWith("Invalid <scan><failOnSeverity> (ecr.scan.failOnSeverity) 'severe': "),
        e.getMessage());
    assertTrue(e.getMessage().contains("NONE only reports"), e.getMessage());
  }

  @Test
  void failOnSeverityNoneOnlyReports() throws Exception {
    ScanGateSettings settings = ScanGateSettings.of(true, null, "none");
    assertEquals(Optional.empty(), settings.failOnSeverity());
    assertEquals("NONE", settings.thresholdName());
  }
}
