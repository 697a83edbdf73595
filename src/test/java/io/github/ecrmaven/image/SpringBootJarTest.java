package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpringBootJarTest {
  static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

  @TempDir Path folder;

  /** Writes a repackaged jar with one release and one snapshot dependency, with or without a layer index. */
  static Path bootJar(Path jar, boolean withLayerIndex) throws Exception {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("org/springframework/boot/loader/launch/JarLauncher.class", "launcher");
    entries.put("BOOT-INF/classes/com/example/App.class", "app");
    entries.put("BOOT-INF/classes/application.properties", "server.port=8080");
    entries.put("BOOT-INF/lib/spring-core-6.2.12.jar", "spring-core");
    entries.put("BOOT-INF/lib/internal-tools-1.0-SNAPSHOT.jar", "tools");
    entries.put("BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/spring-core-6.2.12.jar\"\n");
    if (withLayerIndex) {
      entries.put(SpringBootLayerIndex.ENTRY, TestJars.standardLayerIndex("spring-core-6.2.12.jar")
          .replace("- \"snapshot-dependencies\":\n",
              "- \"snapshot-dependencies\":\n  - \"BOOT-INF/lib/internal-tools-1.0-SNAPSHOT.jar\"\n"));
    }
    return TestJars.write(jar,
        Map.of("Main-Class", LAUNCHER, "Start-Class", "com.example.App", "Spring-Boot-Version", "3.5.7"), entries);
  }

  @Test
  void detectIgnoresPlainJar() throws Exception {
    Path jar = TestJars.write(folder.resolve("plain.jar"), Map.of("Main-Class", "com.example.App"),
        Map.of("com/example/App.class", "app"));

    assertEquals(Optional.empty(), SpringBootJar.detect(jar));
  }

  @Test
  void detectReadsManifest() throws Exception {
    SpringBootJar jar = SpringBootJar.detect(bootJar(folder.resolve("app.jar"), true)).orElseThrow();

    assertEquals(LAUNCHER, jar.launcherClass());
    assertEquals(Optional.of("com.example.App"), jar.startClass());
    assertEquals(Optional.of("3.5.7"), jar.bootVersion());
  }

  @Test
  void detectFindsBootInfLayoutWithoutVersion() throws Exception {
    Path path = TestJars.write(folder.resolve("app.jar"), Map.of("Main-Class", LAUNCHER),
        Map.of("BOOT-INF/classes/com/example/App.class", "app"));

    SpringBootJar jar = SpringBootJar.detect(path).orElseThrow();

    assertEquals(Optional.empty(), jar.bootVersion());
    assertEquals(Optional.empty(), jar.layerIndex());
  }

  @Test
  void detectRejectsBootJarWithoutMainClass() throws Exception {
    Path path = TestJars.write(folder.resolve("app.jar"), Map.of("Spring-Boot-Version", "3.5.7"),
        Map.of("BOOT-INF/classes/com/example/App.class", "app"));

    ConfigurationException e = assertThrows(ConfigurationException.class, () -> SpringBootJar.detect(path));

    assertTrue(e.getMessage().contains("has no Main-Class"), e.getMessage());
  }

  @Test
  void detectRejectsUnreadableJar() throws Exception {
    Path path = Files.writeString(folder.resolve("broken.jar"), "not a zip");

    ConfigurationException e = assertThrows(ConfigurationException.class, () -> SpringBootJar.detect(path));

    assertTrue(e.getMessage().contains("Failed to read the jar " + path), e.getMessage());
  }

  @Test
  void layersFollowIndex() throws Exception {
    SpringBootJar jar = SpringBootJar.detect(bootJar(folder.resolve("app.jar"), true)).orElseThrow();

    assertEquals(List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application"),
        jar.layerNames());
    assertEquals("dependencies", jar.layerOf("BOOT-INF/lib/spring-core-6.2.12.jar"));
    assertEquals("snapshot-dependencies", jar.layerOf("BOOT-INF/lib/internal-tools-1.0-SNAPSHOT.jar"));
    assertEquals("spring-boot-loader", jar.layerOf("org/springframework/boot/loader/launch/JarLauncher.class"));
    assertEquals("application", jar.layerOf("BOOT-INF/classes/com/example/App.class"));
  }

  /**
   * Writes a Spring Boot jar without snapshot dependencies, whose default layer index lists an empty
   * {@code snapshot-dependencies} layer, as Spring Boot 3.5 writes it for such an application.
   */
  static Path bootJarWithoutSnapshots(Path jar) throws Exception {
    return TestJars.write(jar, Map.of("Main-Class", LAUNCHER),
        Map.of("org/springframework/boot/loader/launch/JarLauncher.class", "launcher",
            "BOOT-INF/classes/com/example/App.class", "app",
            "BOOT-INF/lib/spring-core-6.2.12.jar", "spring-core",
            SpringBootLayerIndex.ENTRY, TestJars.standardLayerIndex("spring-core-6.2.12.jar")));
  }

  @Test
  void filledLayersLeaveOutEmptyIndexLayer() throws Exception {
    SpringBootJar jar = SpringBootJar.detect(bootJarWithoutSnapshots(folder.resolve("app.jar"))).orElseThrow();

    assertEquals(SpringBootJar.STANDARD_LAYERS, jar.layerNames());
    assertEquals(List.of("dependencies", "spring-boot-loader", "application"), jar.filledLayerNames());
  }

  @Test
  void entriesOutsideIndexGoToLastLayer() throws Exception {
    SpringBootJar jar = SpringBootJar.detect(bootJar(folder.resolve("app.jar"), true)).orElseThrow();

    assertEquals("application", jar.layerOf("BOOT-INF/lib/added-later-1.0.jar"));
  }

  @Test
  void layersWithoutIndexAreStandard() throws Exception {
    SpringBootJar jar = SpringBootJar.detect(bootJar(folder.resolve("app.jar"), false)).orElseThrow();

    assertEquals(SpringBootJar.STANDARD_LAYERS, jar.layerNames());
    assertEquals("dependencies", jar.layerOf("BOOT-INF/lib/spring-core-6.2.12.jar"));
    assertEquals("snapshot-dependencies", jar.layerOf("BOOT-INF/lib/internal-tools-1.0-SNAPSHOT.jar"));
    assertEquals("spring-boot-loader", jar.layerOf("org/springframework/boot/loader/launch/JarLauncher.class"));
    assertEquals("application", jar.layerOf("BOOT-INF/classpath.idx"));
    assertEquals("application", jar.layerOf("META-INF/MANIFEST.MF"));
  }
}
