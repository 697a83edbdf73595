package io.github.ecrmaven.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes small jars for tests: a manifest with the given main attributes, and text entries. */
final class TestJars {
  private TestJars() {}

  /**
   * Writes a jar.
   *
   * @param manifestAttributes main attributes of the manifest, besides {@code Manifest-Version}
   * @param entries entry names with their text, in order; a name ending with {@code /} is a directory
   */
  static Path write(Path jar, Map<String, String> manifestAttributes, Map<String, String> entries) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifestAttributes.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream output = new JarOutputStream(file, manifest)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        output.putNextEntry(new JarEntry(entry.getKey()));
        if (!entry.getKey().endsWith("/")) {
          output.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        }
        output.closeEntry();
      }
    }
    return jar;
  }

  /** Returns the layer index that Spring Boot 3.5 writes by default for a jar with the given dependency jar. */
  static String standardLayerIndex(String dependencyJar) {
    return String.join("\n",
        "- \"dependencies\":",
        "  - \"BOOT-INF/lib/" + dependencyJar + "\"",
        "- \"spring-boot-loader\":",
        "  - \"org/\"",
        "- \"snapshot-dependencies\":",
        "- \"application\":",
        "  - \"BOOT-INF/classes/\"",
        "  - \"BOOT-INF/classpath.idx\"",
        "  - \"BOOT-INF/layers.idx\"",
        "  - \"META-INF/\"",
        "");
  }
}
