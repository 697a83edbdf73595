package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lays out a Spring Boot executable jar: unpacked into {@link SpringBootJar#APP_ROOT}, one image layer
 * per layer of the jar's index (or of the standard layers), in the index's order, and started with
 * {@code java -cp /app <launcher>}.
 */
final class SpringBootJarLayers {
  private SpringBootJarLayers() {}

  /**
   * Unpacks the jar into {@code unpackDirectory}, which is emptied first, and describes the image.
   *
   * @throws IOException when the jar cannot be read or unpacked, or names an entry outside its root
   */
  static JibContainerBuilder containerBuilder(
      RegistryImage baseImage, ApplicationImage image, SpringBootJar jar, Path unpackDirectory) throws IOException {
    JibContainerBuilder builder = Jib.from(baseImage);
    for (FileEntriesLayer layer : layers(jar, unpackDirectory)) {
      builder.addFileEntriesLayer(layer);
    }
    if (image.mainClass().isPresent()) {
      builder.setEntrypoint(
          JavaCommand.of(image.container().jvmFlags(), SpringBootJar.APP_ROOT, image.mainClass().get()));
    }
    return builder;
  }

  /**
   * Unpacks the jar and returns its non-empty layers in the order of {@link SpringBootJar#layerNames()}, the
   * layers that {@link SpringBootJar#filledLayerNames()} names.
   */
  static List<FileEntriesLayer> layers(SpringBootJar jar, Path unpackDirectory) throws IOException {
    Map<String, FileEntriesLayer.Builder> layers = new LinkedHashMap<>();
    for (String name : jar.layerNames()) {
      layers.put(name, FileEntriesLayer.builder().setName(name));
    }
    Map<String, Integer> entryCounts = new LinkedHashMap<>();
    deleteRecursively(unpackDirectory);
    try (JarFile file = new JarFile(jar.jar().toFile())) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (entry.isDirectory()) {
          continue;
        }
        Path target = unpack(file, entry, unpackDirectory.toAbsolutePath().normalize(), jar.jar());
        String layer = jar.layerOf(entry.getName());
        layers.get(layer).addEntry(target, AbsoluteUnixPath.get(SpringBootJar.APP_ROOT + "/" + entry.getName()));
        entryCounts.merge(layer, 1, Integer::sum);
      }
    }
    List<FileEntriesLayer> nonEmpty = new ArrayList<>();
    layers.forEach((name, layer) -> {
      if (entryCounts.containsKey(name)) {
        nonEmpty.add(layer.build());
      }
    });
    return nonEmpty;
  }

  private static Path unpack(JarFile file, JarEntry entry, Path unpackDirectory, Path jar) throws IOException {
    Path target = unpackDirectory.resolve(entry.getName()).normalize();
    if (!target.startsWith(unpackDirectory) || entry.getName().startsWith("/") || entry.getName().contains("\\")) {
      throw new IOException("The jar " + jar + " has an entry outside its root: " + entry.getName());
    }
    Files.createDirectories(target.getParent());
    try (InputStream input = file.getInputStream(entry)) {
      Files.copy(input, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
