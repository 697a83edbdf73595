package io.github.ecrmaven.maven;

import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.BaseImageAws;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.ContainerizingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/** Resolves the image parameters that {@code ecr:push} and {@code ecr:build} share. */
final class ImageParameters {
  private ImageParameters() {}

  /** Returns the base image: {@code <from><image>}, else {@code eclipse-temurin:<N>-jre}. */
  /** Returns the platforms of {@code <from><platforms>}, or an empty list for Jib's default. */
  static List<String> platforms(ParameterLookup lookup, FromParameters from) {
    List<String> configured = from == null ? null : from.platforms;
    return lookup.list("ecr.from.platforms", configured, List.of()).stream().map(String::trim).toList();
  }

  static String baseImage(ParameterLookup lookup, FromParameters from, MavenProject project) {
    FromParameters parameters = from == null ? new FromParameters() : from;
    return lookup.string("ecr.from.image", parameters.image, ProjectInputs.defaultBaseImage(project));
  }

  /**
   * Checks the image parameters that take one of a fixed set of values: {@code <containerizingMode>},
   * {@code <container><format>} and {@code <container><skipStandardLabels>}.
   *
   * @param containerizingMode the {@code <containerizingMode>} POM value, or null
   * @throws ConfigurationException naming the parameter, the value and the accepted values
   */
  static void checkEnumeratedValues(ParameterLookup lookup, String containerizingMode, ContainerParameters container)
      throws ConfigurationException {
    ContainerParameters parameters = container == null ? new ContainerParameters() : container;
    ContainerizingMode.parse(lookup.string("ecr.containerizingMode", containerizingMode, null));
    format(lookup.string("ecr.container.format", parameters.format, null));
    StandardLabels.parseSkipped(
        lookup.list("ecr.container.skipStandardLabels", parameters.skipStandardLabels, List.of()));
  }

  /**
   * Resolves and validates the {@code <from><aws>} settings.
   *
   * @throws ConfigurationException naming the parameter and the rejected value
   */
  static BaseImageAws baseImageAws(ParameterLookup lookup, FromParameters from) throws ConfigurationException {
    FromAwsParameters parameters = from == null || from.aws == null ? new FromAwsParameters() : from.aws;
    return BaseImageAws.of(
        lookup.string("ecr.from.aws.region", parameters.region, null),
        lookup.string("ecr.from.aws.endpoint", parameters.endpoint, null),
        lookup.string("ecr.from.aws.profile", parameters.profile, null),
        lookup.string("ecr.from.aws.roleArn", parameters.roleArn, null),
        lookup.string("ecr.from.aws.externalId", parameters.externalId, null),
        lookup.string("ecr.from.aws.roleSessionName", parameters.roleSessionName, null),
        lookup.string("ecr.from.aws.stsEndpoint", parameters.stsEndpoint, null),
        lookup.string("ecr.from.aws.registryEndpoint", parameters.registryEndpoint, null));
  }

  /**
   * Resolves and validates the container settings. The standard OCI labels come from the POM, and a
   * configured label with the same key replaces one.
   *
   * @throws ConfigurationException naming the parameter and the rejected value
   */
  static ContainerSettings containerSettings(
      ParameterLookup lookup, ContainerParameters container, MavenProject project, Log log)
      throws ConfigurationException {
    ContainerParameters parameters = container == null ? new ContainerParameters() : container;
    try {
      Instant creationTime = creationTime(lookup, parameters, project, log);
      List<String> entrypoint = lookup.list("ecr.container.entrypoint", parameters.entrypoint, List.of());
      Optional<String> mainClass = Optional.ofNullable(lookup.string("ecr.container.mainClass", parameters.mainClass, null));
      List<String> jvmFlags = lookup.list("ecr.container.jvmFlags", parameters.jvmFlags, List.of());
      if (!entrypoint.isEmpty() && (mainClass.isPresent() || !jvmFlags.isEmpty())) {
        log.warn("<container><entrypoint> is set, so <container><mainClass> and <container><jvmFlags> are not used:"
            + " put the main class and the JVM flags into the entrypoint instead.");
      }
      return new ContainerSettings(
              mainClass,
              jvmFlags,
              lookup.list("ecr.container.args", parameters.args, List.of()),
              lookup.list("ecr.container.ports", parameters.ports, List.of()),
              lookup.map("ecr.container.environment", parameters.environment),
              labels(lookup, parameters, project, creationTime, log),
              Optional.of(creationTime),
              entrypoint,
              Optional.ofNullable(lookup.string("ecr.container.user", parameters.user, null)),
              Optional.ofNullable(lookup.string("ecr.container.workingDirectory", parameters.workingDirectory, null)),
              lookup.list("ecr.container.volumes", parameters.volumes, List.of()),
              format(lookup.string("ecr.container.format", parameters.format, null)))
          .validate();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /**
   * Resolves the creation time. The current time, when configured, is read here once, so that the image
   * configuration and the {@code created} label give the same instant.
   */
  private static Instant creationTime(
      ParameterLookup lookup, ContainerParameters parameters, MavenProject project, Log log)
      throws ConfigurationException {
    Optional<Instant> creationTime = CreationTime.resolve(
        lookup.string("ecr.container.creationTime", parameters.creationTime, null),
        // A -D property overrides the POM's, as it does for maven-jar-plugin's ${project.build.outputTimestamp}.
        lookup.string("project.build.outputTimestamp", null, null));
    if (creationTime.isEmpty()) {
      log.warn("<container><creationTime> is " + CreationTime.CURRENT + ": the image digest changes on every build,"
          + " even when nothing else does.");
    }
    return creationTime.orElseGet(Instant::now);
  }

  private static Map<String, String> labels(
      ParameterLookup lookup, ContainerParameters parameters, MavenProject project, Instant creationTime, Log log)
      throws ConfigurationException {
    Set<String> skipped = new LinkedHashSet<>(StandardLabels.parseSkipped(
        lookup.list("ecr.container.skipStandardLabels", parameters.skipStandardLabels, List.of())));
    Map<String, String> configured = lookup.map("ecr.container.labels", parameters.labels);
    // A configured label replaces the standard one, so the standard one needs no derivation or info line.
    StandardLabels.NAMES.stream()
        .filter(name -> configured.containsKey(StandardLabels.PREFIX + name))
        .forEach(skipped::add);
    Optional<String> revision = skipped.contains("revision") || project.getBasedir() == null
        ? Optional.empty()
        : GitRevision.find(project.getProperties(), project.getBasedir().toPath(), log);
    Map<String, String> labels =
        new LinkedHashMap<>(StandardLabels.derive(project, creationTime, revision, skipped, log::info));
    log.debug("Standard labels from the POM: " + labels);
    labels.putAll(configured);
    return labels;
  }

  /**
   * Parses {@code <container><format>}, case-insensitively.
   *
   * @throws ConfigurationException naming the parameter, the rejected value and the accepted ones
   */
  static ImageFormat format(String value) throws ConfigurationException {
    if (value == null || value.isBlank()) {
      return ImageFormat.Docker;
    }
    switch (value.trim().toUpperCase(Locale.ROOT)) {
      case "DOCKER":
        return ImageFormat.Docker;
      case "OCI":
        return ImageFormat.OCI;
      default:
        throw new ConfigurationException(
            "Invalid <container><format> (ecr.container.format) '" + value + "': use Docker (the default) or OCI.");
    }
  }
}
