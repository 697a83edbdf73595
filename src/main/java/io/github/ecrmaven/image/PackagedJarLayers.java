package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Lays out the packaged mode: release, snapshot and reactor project dependencies in
 * {@value #LIBRARIES}, each group a layer, and the project's jar in {@value #APP_ROOT} in a layer above
 * them, started with {@code java -cp /app/<jar>:/app/libs/* <mainClass>}.
 */
final class PackagedJarLayers {
  static final String APP_ROOT = "/app";
  static final String LIBRARIES = "/app/libs";
  static final String JAR_LAYER_NAME = "jar";

  private PackagedJarLayers() {}

  static JibContainerBuilder containerBuilder(RegistryImage baseImage, ApplicationImage image, Path jar)
      throws IOException {
    ApplicationLayers layers = image.layers();
    JibContainerBuilder builder = Jib.from(baseImage);
    Set<String> usedNames = new HashSet<>();
    addLibraries(builder, "dependencies", layers.dependencies(), usedNames);
    addLibraries(builder, "snapshot dependencies", layers.snapshotDependencies(), usedNames);
    addLibraries(builder, "project dependencies", layers.projectDependencies(), usedNames);
    String jarPath = APP_ROOT + "/" + jar.getFileName();
    builder.addFileEntriesLayer(
        FileEntriesLayer.builder().setName(JAR_LAYER_NAME).addEntry(jar, AbsoluteUnixPath.get(jarPath)).build());
    if (image.mainClass().isPresent()) {
      builder.setEntrypoint(
          JavaCommand.of(image.container().jvmFlags(), jarPath + ":" + LIBRARIES + "/*", image.mainClass().get()));
    }
    return builder;
  }

  /**
   * Adds the jars as one layer, unless there are none. A jar whose file name an earlier jar already has,
   * such as {@code core-1.0.jar} from two group IDs, gets the start of its SHA-256 digest in its name, so
   * that both stay on the class path and the name is the same on every machine.
   */
  private static void addLibraries(JibContainerBuilder builder, String layerName, List<Path> jars, Set<String> usedNames)
      throws IOException {
    if (jars.isEmpty()) {
      return;
    }
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(layerName);
    for (Path jar : jars) {
      String name = jar.getFileName().toString();
      if (!usedNames.add(name)) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        name = base + "-" + sha256Hex(jar).substring(0, 12) + extension;
        usedNames.add(name);
      }
      layer.addEntry(jar, AbsoluteUnixPath.get(LIBRARIES + "/" + name));
    }
    builder.addFileEntriesLayer(layer.build());
  }

  private static String sha256Hex(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no SHA-256", e);
    }
    try (InputStream input = new DigestInputStream(Files.newInputStream(file), digest)) {
      input.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
