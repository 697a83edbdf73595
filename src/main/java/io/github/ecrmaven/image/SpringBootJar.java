package io.github.ecrmaven.image;

import io.github.ecrmaven.ConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * A Spring Boot executable jar, as the spring-boot-maven-plugin's {@code repackage} goal writes it: the
 * application's classes under {@code BOOT-INF/classes/}, its dependencies under {@code BOOT-INF/lib/},
 * Spring Boot's launcher classes at the root, and a manifest whose {@code Main-Class} is the launcher and
 * whose {@code Start-Class} is the application's main class.
 *
 * <p>In the image the jar is unpacked into {@link #APP_ROOT}, and {@code java -cp /app <launcher>} starts
 * it: the launcher finds the unpacked jar from its own location, as when an unpacked jar is run by hand.
 *
 * @param jar the jar file
 * @param launcherClass the manifest's {@code Main-Class}, such as
 *     {@code org.springframework.boot.loader.launch.JarLauncher}
 * @param startClass the manifest's {@code Start-Class}, if any
 * @param bootVersion the manifest's {@code Spring-Boot-Version}, if any
 * @param layerIndex the jar's {@code BOOT-INF/layers.idx}, or empty when it has none
 */
public record SpringBootJar(
    Path jar,
    String launcherClass,
    Optional<String> startClass,
    Optional<String> bootVersion,
    Optional<SpringBootLayerIndex> layerIndex) {

  /** The directory of the image that receives the unpacked jar. */
  public static final String APP_ROOT = "/app";

  /**
   * The layers of a jar without a layer index, named and ordered as Spring Boot's default index names
   * them.
   */
  public static final List<String> STANDARD_LAYERS =
      List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

  private static final String BOOT_INF = "BOOT-INF/";
  private static final String LIBRARIES = "BOOT-INF/lib/";
  private static final String LOADER = "org/springframework/boot/loader/";

  /**
   * Reads the jar and returns it as a Spring Boot executable jar when it is one: when its manifest has a
   * {@code Spring-Boot-Version} attribute or it has entries below {@code BOOT-INF/}.
   *
   * @throws ConfigurationException when the jar cannot be read, or it is a Spring Boot jar without a
   *     {@code Main-Class} or with an invalid layer index
   */
  public static Optional<SpringBootJar> detect(Path jar) throws ConfigurationException {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      Attributes attributes = manifest == null ? new Attributes() : manifest.getMainAttributes();
      Optional<String> bootVersion = attribute(attributes, "Spring-Boot-Version");
      if (bootVersion.isEmpty() && !hasEntryBelow(file, BOOT_INF)) {
        return Optional.empty();
      }
      Optional<String> launcher = attribute(attributes, "Main-Class");
      if (launcher.isEmpty()) {
        throw new ConfigurationException(
            "The Spring Boot jar " + jar + " has no Main-Class in its manifest, so nothing can start it. Build it"
                + " with the spring-boot-maven-plugin's repackage goal.");
      }
      return Optional.of(new SpringBootJar(
          jar, launcher.get(), attribute(attributes, "Start-Class"), bootVersion, layerIndex(file, jar)));
    } catch (IOException e) {
      throw new ConfigurationException("Failed to read the jar " + jar + ": " + e.getMessage(), e);
    }
  }

  /** Returns the layer names in image order: the index's, else {@link #STANDARD_LAYERS}. */
  public List<String> layerNames() {
    return layerIndex.map(SpringBootLayerIndex::names).orElse(STANDARD_LAYERS);
  }

  /**
   * Returns the names of the layers that receive at least one file of the jar, in image order. The image
   * gets only these layers: an index layer that lists no file of the jar, such as
   * {@code snapshot-dependencies} of an application without snapshot dependencies, is left out.
   *
   * @throws ConfigurationException when the jar cannot be read
   */
  public List<String> filledLayerNames() throws ConfigurationException {
    Set<String> filled = new HashSet<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (!entry.isDirectory()) {
          filled.add(layerOf(entry.getName()));
        }
      }
    } catch (IOException e) {
      throw new ConfigurationException("Failed to read the jar " + jar + ": " + e.getMessage(), e);
    }
    return layerNames().stream().filter(filled::contains).toList();
  }

  /**
   * Returns the layer of a jar entry. With an index, that is the first index layer that lists it, else
   * the index's last layer, which is {@code application} in Spring Boot's default index. Without an index, snapshot
   * dependency jars, other dependency jars and the launcher's classes get their standard layer, and
   * everything else goes to {@code application}.
   */
  public String layerOf(String entryName) {
    if (layerIndex.isPresent()) {
      List<String> names = layerIndex.get().names();
      return layerIndex.get().layerOf(entryName).orElse(names.get(names.size() - 1));
    }
    if (entryName.startsWith(LIBRARIES)) {
      return entryName.contains("SNAPSHOT") ? "snapshot-dependencies" : "dependencies";
    }
    if (entryName.startsWith(LOADER)) {
      return "spring-boot-loader";
    }
    return "application";
  }

  private static Optional<SpringBootLayerIndex> layerIndex(JarFile file, Path jar)
      throws IOException, ConfigurationException {
    ZipEntry entry = file.getEntry(SpringBootLayerIndex.ENTRY);
    if (entry == null) {
      return Optional.empty();
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
      return Optional.of(SpringBootLayerIndex.parse(reader.lines().toList(), jar.toString()));
    }
  }

  private static boolean hasEntryBelow(JarFile file, String directory) {
    Enumeration<? extends ZipEntry> entries = file.entries();
    while (entries.hasMoreElements()) {
      if (entries.nextElement().getName().startsWith(directory)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> attribute(Attributes attributes, String name) {
    String value = attributes.getValue(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
