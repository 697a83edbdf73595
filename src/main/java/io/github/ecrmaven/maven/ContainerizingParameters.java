package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ApplicationForm;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.ContainerizingMode;
import io.github.ecrmaven.image.SpringBootJar;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * Resolves {@code <containerizingMode>} and {@code <container><appRoot>} against the project's packaging
 * into the form of the application's files, checking that those files exist before any network call.
 */
final class ContainerizingParameters {
  /**
   * The default application root of a WAR: where the official {@code tomcat} images deploy the
   * application served at the context path {@code /}.
   */
  static final String DEFAULT_WAR_APP_ROOT = "/usr/local/tomcat/webapps/ROOT";

  static final String APP_ROOT_PARAMETER = "<container><appRoot> (ecr.container.appRoot)";

  private ContainerizingParameters() {}

  /**
   * Returns the form of the application's files.
   *
   * @param mode the {@code <containerizingMode>} POM value, or null
   * @param appRoot the {@code <container><appRoot>} POM value, or null
   * @throws ConfigurationException when the mode is unknown or does not fit the packaging, the application
   *     root is invalid or set outside a WAR project, or the jar or exploded WAR is missing
   */
  static ApplicationForm resolve(ParameterLookup lookup, String mode, String appRoot, MavenProject project, Log log)
      throws ConfigurationException {
    String modeValue = lookup.string("ecr.containerizingMode", mode, null);
    ContainerizingMode containerizingMode = ContainerizingMode.parse(modeValue);
    String appRootValue = lookup.string("ecr.container.appRoot", appRoot, null);
    String packaging = project.getPackaging();

    if ("war".equals(packaging)) {
      if (containerizingMode != ContainerizingMode.EXPLODED) {
        throw new ConfigurationException(
            ContainerizingMode.PARAMETER + " '" + modeValue + "' does not fit the war packaging of "
                + project.getArtifactId() + ": a WAR goes into the image exploded, into " + APP_ROOT_PARAMETER
                + ", for the base image's servlet container to run. Remove <containerizingMode>, or set it to"
                + " exploded.");
      }
      // The value is checked before the files, so that a bad value is reported even when the WAR is missing too.
      String warAppRoot = warAppRoot(appRootValue);
      return new ApplicationForm.ExplodedWar(explodedWar(project), warAppRoot);
    }
    if (appRootValue != null && !appRootValue.isBlank()) {
      throw new ConfigurationException(
          APP_ROOT_PARAMETER + " '" + appRootValue + "' applies only to projects with war packaging, and "
              + project.getArtifactId() + " has " + packaging + " packaging. Remove it.");
    }
    if (containerizingMode == ContainerizingMode.EXPLODED) {
      return new ApplicationForm.ExplodedClasses();
    }

    Path jar = packagedJar(project, modeValue);
    warnIfOlderThanClasses(jar, Path.of(project.getBuild().getOutputDirectory()),
        CreationTime.outputTimestamp(lookup.string("project.build.outputTimestamp", null, null)), log);
    Optional<SpringBootJar> bootJar = SpringBootJar.detect(jar);
    if (bootJar.isPresent()) {
      SpringBootJar detected = bootJar.get();
      log.info("Containerizing the Spring Boot jar " + jar.getFileName()
          + detected.bootVersion().map(version -> " (Spring Boot " + version + ")").orElse("") + " in the layers "
          + String.join(", ", detected.filledLayerNames())
          + (detected.layerIndex().isPresent() ? " of its layer index" : " (it has no layer index)"));
      return new ApplicationForm.SpringBootExecutableJar(detected);
    }
    return new ApplicationForm.PackagedJar(jar);
  }

  /**
   * Sets the entrypoint of a WAR image to the base image's, unless one is configured, and warns about
   * the Java settings that a WAR image does not use.
   */
  static ContainerSettings adjustContainer(ContainerSettings container, ApplicationForm form, Log log) {
    if (!(form instanceof ApplicationForm.ExplodedWar)) {
      return container;
    }
    if (container.mainClass().isPresent() || !container.jvmFlags().isEmpty()) {
      log.warn("<container><mainClass> and <container><jvmFlags> are not used for a WAR: the base image's"
          + " entrypoint starts the servlet container. Give JVM options through its environment instead, such as"
          + " JAVA_OPTS in <container><environment> for Tomcat.");
    }
    return container.runsMainClass() ? container.withEntrypoint(List.of(ContainerSettings.INHERIT)) : container;
  }

  /**
   * Warns when a file in the classes directory is newer than the jar, as after {@code mvn compile}
   * without {@code package}, because the image then gets the jar's older contents.
   *
   * <p>The check is skipped when the jar's time equals the output timestamp, because spring-boot-maven-plugin
   * (3.5.7 checked) sets its repackaged jar's file time to {@code project.build.outputTimestamp}. That time
   * then shows nothing about when the jar was written.
   */
  private static void warnIfOlderThanClasses(Path jar, Path classes, Optional<Instant> outputTimestamp, Log log) {
    if (!Files.isDirectory(classes)) {
      return;
    }
    try (java.util.stream.Stream<Path> files = Files.walk(classes)) {
      long jarTime = Files.getLastModifiedTime(jar).toMillis();
      if (outputTimestamp.isPresent() && jarTime / 1000 == outputTimestamp.get().getEpochSecond()) {
        log.debug("Not comparing the time of " + jar + " with the class files: it is the output timestamp "
            + outputTimestamp.get() + ", not the time the jar was written.");
        return;
      }
      Optional<Path> newer = files.filter(Files::isRegularFile).filter(file -> {
        try {
          return Files.getLastModifiedTime(file).toMillis() > jarTime;
        } catch (java.io.IOException e) {
          return false;
        }
      }).findFirst();
      newer.ifPresent(file -> log.warn("The jar " + jar + " is older than " + file + ", so the image gets the jar's"
          + " older contents. Run the package phase before this goal, such as 'mvn package ecr:push'."));
    } catch (java.io.IOException e) {
      log.debug("Failed to compare the jar's time with " + classes + ": " + e);
    }
  }

  /**
   * Returns the project's jar: the artifact file when this build packaged it, else
   * {@code <build directory>/<finalName>.jar}.
   *
   * @throws ConfigurationException when the packaging does not make a jar, or the jar does not exist
   */
  static Path packagedJar(MavenProject project, String modeValue) throws ConfigurationException {
    String extension = project.getArtifact() == null ? null : project.getArtifact().getArtifactHandler().getExtension();
    if (!"jar".equals(extension)) {
      throw new ConfigurationException(
          ContainerizingMode.PARAMETER + " '" + modeValue + "' needs a project that builds a jar, and "
              + project.getArtifactId() + " has " + project.getPackaging() + " packaging. Use exploded (the"
              + " default) for it.");
    }
    File artifactFile = project.getArtifact().getFile();
    Path jar = artifactFile != null && artifactFile.isFile() && artifactFile.getName().endsWith(".jar")
        ? artifactFile.toPath()
        : Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new ConfigurationException(
          "The project's jar " + jar + " is missing, and " + ContainerizingMode.PARAMETER + " '" + modeValue
              + "' puts it into the image. Build it first with the package phase, such as 'mvn package ecr:push'.");
    }
    return jar;
  }

  /**
   * Returns the exploded WAR directory: the maven-war-plugin's {@code <webappDirectory>}, else
   * {@code <build directory>/<finalName>}.
   *
   * @throws ConfigurationException when the directory does not exist
   */
  static Path explodedWar(MavenProject project) throws ConfigurationException {
    Path directory = ProjectInputs.warPluginWebappDirectory(project)
        .map(configured -> project.getBasedir().toPath().resolve(configured))
        .orElse(Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName()));
    if (!Files.isDirectory(directory)) {
      throw new ConfigurationException(
          "The exploded WAR directory " + directory + " is missing: the maven-war-plugin writes it when it builds"
              + " the WAR. Build it first with the package phase, such as 'mvn package ecr:push'.");
    }
    return directory;
  }

  private static String warAppRoot(String value) throws ConfigurationException {
    if (value == null || value.isBlank()) {
      return DEFAULT_WAR_APP_ROOT;
    }
    String appRoot = value.trim();
    if (List.of(appRoot.split("/")).contains("..")) {
      throw new ConfigurationException(
          "Invalid " + APP_ROOT_PARAMETER + " '" + value + "': it contains a '..' element, which Jib Core would write"
              + " into the layer as is instead of going up a directory. Give the directory without '..', such as "
              + DEFAULT_WAR_APP_ROOT + ".");
    }
    if (!appRoot.startsWith("/") || appRoot.contains("\\") || appRoot.indexOf('\0') >= 0 || appRoot.matches("/+")
        || List.of(appRoot.split("/")).contains("..")) {
      throw new ConfigurationException(
          "Invalid " + APP_ROOT_PARAMETER + " '" + value + "': give the absolute directory that the servlet"
              + " container deploys, other than /, such as " + DEFAULT_WAR_APP_ROOT + " for Tomcat or"
              + " /var/lib/jetty/webapps/ROOT for Jetty.");
    }
    return appRoot.replaceAll("/+$", "");
  }
}
