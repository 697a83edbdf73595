package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ContainerSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.project.MavenProject;

/** Resolves the image parameters that {@code ecr:push} and {@code ecr:build} share. */
final class ImageParameters {
  private ImageParameters() {}

  /** Returns the base image: {@code <from><image>}, else {@code eclipse-temurin:<N>-jre}. */
  static String baseImage(ParameterLookup lookup, FromParameters from, MavenProject project) {
    FromParameters parameters = from == null ? new FromParameters() : from;
    return lookup.string("ecr.from.image", parameters.image, ProjectInputs.defaultBaseImage(project));
  }

  private static Optional<java.time.Instant> creationTime(
      ParameterLookup lookup, ContainerParameters parameters, MavenProject project,
      org.apache.maven.plugin.logging.Log log) throws ConfigurationException {
    Optional<java.time.Instant> creationTime = CreationTime.resolve(
        lookup.string("ecr.container.creationTime", parameters.creationTime, null),
        project.getProperties().getProperty("project.build.outputTimestamp"));
    if (creationTime.isEmpty()) {
      log.warn("<container><creationTime> is " + CreationTime.CURRENT + ": the image digest changes on every build,"
          + " even when nothing else does.");
    }
    return creationTime;
  }

  /**
   * Resolves and validates the container settings.
   *
   * @throws ConfigurationException naming the parameter and the rejected value
   */
  static ContainerSettings containerSettings(
      ParameterLookup lookup, ContainerParameters container, MavenProject project, org.apache.maven.plugin.logging.Log log)
      throws ConfigurationException {
    ContainerParameters parameters = container == null ? new ContainerParameters() : container;
    try {
      Map<String, String> environment = lookup.map("ecr.container.environment", parameters.environment);
      Map<String, String> labels = lookup.map("ecr.container.labels", parameters.labels);
      return new ContainerSettings(
              Optional.ofNullable(lookup.string("ecr.container.mainClass", parameters.mainClass, null)),
              lookup.list("ecr.container.jvmFlags", parameters.jvmFlags, List.of()),
              lookup.list("ecr.container.args", parameters.args, List.of()),
              lookup.list("ecr.container.ports", parameters.ports, List.of()),
              environment,
              labels,
              creationTime(lookup, parameters, project, log))
          .validate();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }
}
