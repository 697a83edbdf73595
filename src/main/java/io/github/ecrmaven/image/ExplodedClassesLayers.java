package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.JavaContainerBuilder;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lays out the exploded mode: release, snapshot and reactor project dependencies, resources and classes
 * as separate layers below {@code /app}, started with {@code java -cp /app/resources:/app/classes:/app/libs/*}.
 */
final class ExplodedClassesLayers {
  private ExplodedClassesLayers() {}

  static JibContainerBuilder containerBuilder(RegistryImage baseImage, ApplicationImage image) throws IOException {
    ApplicationLayers layers = image.layers();
    JavaContainerBuilder java = JavaContainerBuilder.from(baseImage);
    // Jib orders the layers itself but builds the class path in the order of these calls, so the
    // project's own resources and classes come before its dependencies, as in "java -cp".
    Path output = layers.outputDirectory();
    if (Files.isDirectory(output)) {
      java.addResources(output, file -> !file.toString().endsWith(".class"));
      java.addClasses(output, file -> file.toString().endsWith(".class"));
    }
    java.addDependencies(layers.dependencies())
        .addSnapshotDependencies(layers.snapshotDependencies())
        .addProjectDependencies(layers.projectDependencies());
    // Without a main class Jib sets no entrypoint, which the configured one then replaces.
    if (image.mainClass().isPresent()) {
      java.addJvmFlags(image.container().jvmFlags()).setMainClass(image.mainClass().get());
    }
    return java.toContainerBuilder();
  }
}
