package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpringBootLayerIndexTest {
  private static SpringBootLayerIndex standard() throws ConfigurationException {
    return SpringBootLayerIndex.parse(TestJars.standardLayerIndex("spring-core-6.2.12.jar").lines().toList(), "app.jar");
  }

  @Test
  void parseKeepsLayerOrder() throws Exception {
    assertEquals(List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application"),
        standard().names());
  }

  @Test
  void parseKeepsEmptyLayer() throws Exception {
    assertEquals(List.of(), standard().layers().get(2).entries());
  }

  @Test
  void layerOfMatchesExactEntries() throws Exception {
    SpringBootLayerIndex index = standard();

    assertEquals(Optional.of("dependencies"), index.layerOf("BOOT-INF/lib/spring-core-6.2.12.jar"));
    assertEquals(Optional.of("application"), index.layerOf("BOOT-INF/layers.idx"));
  }

  @Test
  void layerOfMatchesDirectoryPrefixes() throws Exception {
    SpringBootLayerIndex index = standard();

    assertEquals(Optional.of("spring-boot-loader"),
        index.layerOf("org/springframework/boot/loader/launch/JarLauncher.class"));
    assertEquals(Optional.of("application"), index.layerOf("BOOT-INF/classes/com/example/App.class"));
    assertEquals(Optional.of("application"), index.layerOf("META-INF/MANIFEST.MF"));
  }

  @Test
  void layerOfNeedsSlashForPrefix() throws Exception {
    assertEquals(Optional.empty(), standard().layerOf("BOOT-INF/lib/spring-core-6.2.12.jar.sha1"));
  }

  @Test
  void parseTakesCustomLayers() throws Exception {
    SpringBootLayerIndex index = SpringBootLayerIndex.parse(List.of(
        "- \"company-dependencies\":",
        "  - \"BOOT-INF/lib/company-common-1.0.jar\"",
        "- \"application\":",
        "  - \"BOOT-INF/classes/\""), "app.jar");

    assertEquals(List.of("company-dependencies", "application"), index.names());
    assertEquals(Optional.of("company-dependencies"), index.layerOf("BOOT-INF/lib/company-common-1.0.jar"));
  }

  @Test
  void parseRejectsEntryBeforeFirstLayer() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SpringBootLayerIndex.parse(List.of("  - \"BOOT-INF/lib/\""), "target/app.jar"));

    assertTrue(e.getMessage().contains("target/app.jar at line 1"), e.getMessage());
  }

  @Test
  void parseRejectsUnknownLine() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SpringBootLayerIndex.parse(List.of("- \"dependencies\":", "dependencies: BOOT-INF/lib/"), "app.jar"));

    assertTrue(e.getMessage().contains("line 2 'dependencies: BOOT-INF/lib/'"), e.getMessage());
  }

  @Test
  void parseRejectsRepeatedLayer() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SpringBootLayerIndex.parse(List.of("- \"application\":", "- \"application\":"), "app.jar"));

    assertTrue(e.getMessage().contains("the layer application is listed twice"), e.getMessage());
  }

  @Test
  void parseRejectsIndexWithoutLayer() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> SpringBootLayerIndex.parse(List.of("", " "), "app.jar"));

    assertTrue(e.getMessage().contains("lists no layer"), e.getMessage());
  }
}
