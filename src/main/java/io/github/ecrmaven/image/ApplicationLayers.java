package io.github.ecrmaven.image;

import java.nio.file.Path;
import java.util.List;

/**
 * The files of the application, one group per image layer, ordered from the least to the most often
 * changed, so that a code change re-uploads only the classes layer.
 *
 * @param dependencies release dependency jars
 * @param snapshotDependencies snapshot dependency jars
 * @param projectDependencies jars of other modules of the same reactor build
 * @param outputDirectory the build output directory ({@code target/classes}), which may not exist: its
 *     {@code .class} files go into the classes layer and every other file into the resources layer
 * @param extraDirectories directories copied into the image in a layer above the classes
 * @param form the form of the application's own files: the output directory's classes (the exploded
 *     mode), the project's jar, a Spring Boot executable jar or an exploded WAR
 */
public record ApplicationLayers(
    List<Path> dependencies,
    List<Path> snapshotDependencies,
    List<Path> projectDependencies,
    Path outputDirectory,
    ExtraDirectories extraDirectories,
    ApplicationForm form) {

  /** Creates layers without extra directories. */
  public ApplicationLayers(
      List<Path> dependencies, List<Path> snapshotDependencies, List<Path> projectDependencies, Path outputDirectory) {
    this(dependencies, snapshotDependencies, projectDependencies, outputDirectory, ExtraDirectories.none(),
        new ApplicationForm.ExplodedClasses());
  }

  public ApplicationLayers {
    dependencies = List.copyOf(dependencies);
    snapshotDependencies = List.copyOf(snapshotDependencies);
    projectDependencies = List.copyOf(projectDependencies);
  }

  /** Returns these layers with {@code directories} as the extra directories. */
  public ApplicationLayers withExtraDirectories(ExtraDirectories directories) {
    return new ApplicationLayers(
        dependencies, snapshotDependencies, projectDependencies, outputDirectory, directories, form);
  }

  /** Returns these layers with {@code applicationForm} as the form of the application's own files. */
  public ApplicationLayers withForm(ApplicationForm applicationForm) {
    return new ApplicationLayers(
        dependencies, snapshotDependencies, projectDependencies, outputDirectory, extraDirectories, applicationForm);
  }
}
