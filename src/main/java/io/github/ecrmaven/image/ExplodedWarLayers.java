package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lays out an exploded WAR below the application root: release dependency jars of {@code WEB-INF/lib},
 * snapshot dependency jars, the other files (static resources and descriptors such as
 * {@code WEB-INF/web.xml}), and {@code WEB-INF/classes}, each group a layer in that order. It sets no
 * entrypoint: the base image's starts the servlet container, which deploys the application it finds
 * there.
 */
final class ExplodedWarLayers {
  static final List<String> LAYER_NAMES = List.of("dependencies", "snapshot dependencies", "resources", "classes");

  private static final String LIBRARIES = "WEB-INF/lib/";
  private static final String CLASSES = "WEB-INF/classes/";
  /** A snapshot jar as Maven names it: {@code -SNAPSHOT}, or a unique version such as {@code -20260101.120000-3}. */
  private static final Pattern SNAPSHOT_JAR = Pattern.compile(".*(-SNAPSHOT|-\\d{8}\\.\\d{6}-\\d+)(-[^/]*)?\\.jar");

  private ExplodedWarLayers() {}

  static JibContainerBuilder containerBuilder(RegistryImage baseImage, ApplicationForm.ExplodedWar war)
      throws IOException {
    JibContainerBuilder builder = Jib.from(baseImage);
    for (FileEntriesLayer layer : layers(war)) {
      builder.addFileEntriesLayer(layer);
    }
    return builder;
  }

  /** Returns the WAR's non-empty layers, each with its files and directories in path order. */
  static List<FileEntriesLayer> layers(ApplicationForm.ExplodedWar war) throws IOException {
    Map<String, FileEntriesLayer.Builder> layers = new LinkedHashMap<>();
    Map<String, Boolean> used = new LinkedHashMap<>();
    for (String name : LAYER_NAMES) {
      layers.put(name, FileEntriesLayer.builder().setName(name));
    }
    AbsoluteUnixPath appRoot = AbsoluteUnixPath.get(war.appRoot());
    Path root = war.directory();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(path -> !path.equals(root)).sorted().toList()) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        String layer = layerOf(relative, Files.isDirectory(file));
        layers.get(layer).addEntry(file, appRoot.resolve(relative));
        used.put(layer, true);
      }
    }
    List<FileEntriesLayer> nonEmpty = new ArrayList<>();
    layers.forEach((name, layer) -> {
      if (used.containsKey(name)) {
        nonEmpty.add(layer.build());
      }
    });
    return nonEmpty;
  }

  /**
   * Returns the layer of a path relative to the WAR's root. The directories {@code WEB-INF/lib} and
   * {@code WEB-INF/classes} themselves go with the resources, so they exist in the image even when the WAR
   * has no jar or no class.
   */
  static String layerOf(String relativePath, boolean directory) {
    if (relativePath.startsWith(CLASSES)) {
      return "classes";
    }
    if (relativePath.startsWith(LIBRARIES) && !directory) {
      return SNAPSHOT_JAR.matcher(relativePath).matches() ? "snapshot dependencies" : "dependencies";
    }
    return "resources";
  }
}
