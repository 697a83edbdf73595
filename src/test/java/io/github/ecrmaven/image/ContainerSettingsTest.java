package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerSettingsTest {

  private static ContainerSettings withPorts(List<String> ports) {
    return new ContainerSettings(Optional.empty(), List.of(), List.of(), ports, Map.of(), Map.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"8080", "8080/tcp", "53/udp", "9000-9002", "1", "65535"})
  void validateAcceptsPorts(String port) throws ConfigurationException {
    withPorts(List.of(port)).validate();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65536", "http", "8080/sctp", "9002-9000", "80:80"})
  void validateRejectsPorts(String port) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> withPorts(List.of(port)).validate());
    assertTrue(e.getMessage().contains("'" + port + "'"), e.getMessage());
  }

  @Test
  void validateRejectsMainClassWithSlashes() {
    ContainerSettings settings =
        new ContainerSettings(Optional.of("com/example/Main"), List.of(), List.of(), List.of(), Map.of(), Map.of());
    ConfigurationException e = assertThrows(ConfigurationException.class, settings::validate);
    assertTrue(e.getMessage().contains("<container><mainClass>"), e.getMessage());
  }

  @Test
  void validateRejectsEnvironmentNameWithSpace() {
    ContainerSettings settings =
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of("MY VAR", "x"), Map.of());
    ConfigurationException e = assertThrows(ConfigurationException.class, settings::validate);
    assertTrue(e.getMessage().contains("'MY VAR'"), e.getMessage());
  }
}
