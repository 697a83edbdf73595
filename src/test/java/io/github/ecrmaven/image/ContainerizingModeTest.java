package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import org.junit.jupiter.api.Test;

class ContainerizingModeTest {
  @Test
  void parseDefaultsToExploded() throws Exception {
    assertEquals(ContainerizingMode.EXPLODED, ContainerizingMode.parse(null));
    assertEquals(ContainerizingMode.EXPLODED, ContainerizingMode.parse(" "));
  }

  @Test
  void parseIgnoresCase() throws Exception {
    assertEquals(ContainerizingMode.PACKAGED, ContainerizingMode.parse(" Packaged "));
    assertEquals(ContainerizingMode.EXPLODED, ContainerizingMode.parse("EXPLODED"));
  }

  @Test
  void parseRejectsUnknownMode() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> ContainerizingMode.parse("spring-boot"));

    assertTrue(e.getMessage().startsWith("Invalid <containerizingMode> (ecr.containerizingMode) 'spring-boot'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("use exploded"), e.getMessage());
  }
}
