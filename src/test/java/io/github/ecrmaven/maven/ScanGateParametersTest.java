package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.ecr.ScanGateSettings;
import io.github.ecrmaven.ecr.ScanSeverity;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScanGateParametersTest {
  private final Properties userProperties = new Properties();
  private final RecordingLog log = new RecordingLog();

  private ScanGateSettings resolve(ScanParameters parameters) throws ConfigurationException {
    return ScanGateParameters.settings(new ParameterLookup(userProperties, new Properties(), new Properties()),
        parameters, log);
  }

  @Test
  void gateIsOffByDefault() throws ConfigurationException {
    ScanGateSettings settings = resolve(null);
    assertFalse(settings.enabled());
    assertTrue(log.warnings.isEmpty());
  }

  @Test
  void propertiesOverridePomValues() throws ConfigurationException {
    ScanParameters pom = new ScanParameters();
    pom.wait = false;
    pom.failOnSeverity = "LOW";
    userProperties.setProperty("ecr.scan.wait", "true");
    userProperties.setProperty("ecr.scan.timeout", "PT2M");
    userProperties.setProperty("ecr.scan.failOnSeverity", "critical");

    ScanGateSettings settings = resolve(pom);

    assertTrue(settings.enabled());
    assertEquals(Duration.ofMinutes(2), settings.timeout());
    assertEquals(Optional.of(ScanSeverity.CRITICAL), settings.failOnSeverity());
  }

  @Test
  void invalidWaitNamesElementAndProperty() {
    userProperties.setProperty("ecr.scan.wait", "yes");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(null));
    assertEquals("Invalid <scan><wait> (ecr.scan.wait) 'yes': use true to wait for the image scan, or false.",
        e.getMessage());
  }

  @Test
  void invalidSeverityFailsEvenWhenGateIsOff() {
    ScanParameters pom = new ScanParameters();
    pom.failOnSeverity = "urgent";
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(pom));
    assertTrue(e.getMessage().startsWith("Invalid <scan><failOnSeverity> (ecr.scan.failOnSeverity) 'urgent'"),
        e.getMessage());
  }

  @Test
  void failOnSeverityIsCheckedAlone() throws ConfigurationException {
    ParameterLookup lookup = new ParameterLookup(userProperties, new Properties(), new Properties());
    ScanGateParameters.checkFailOnSeverity(lookup, null);
    userProperties.setProperty("ecr.scan.failOnSeverity", "SEVERE");

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> ScanGateParameters.checkFailOnSeverity(lookup, null));

    assertTrue(e.getMessage().startsWith("Invalid <scan><failOnSeverity> (ecr.scan.failOnSeverity) 'SEVERE'"),
        e.getMessage());
    assertTrue(log.warnings.isEmpty());
  }

  @Test
  void valuesForDisabledGateWarn() throws ConfigurationException {
    ScanParameters pom = new ScanParameters();
    pom.timeout = "PT1M";
    resolve(pom);
    assertEquals(1, log.warnings.size());
    assertTrue(log.warnings.get(0).contains("<scan><wait> (ecr.scan.wait) is false"), log.warnings.get(0));
  }
}
