package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ApplicationLayers;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** Reads what the image is built from out of the Maven project: its files, Java release and main class. */
final class ProjectInputs {
  private static final Set<String> RUNTIME_SCOPES =
      Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME, Artifact.SCOPE_SYSTEM);
  static final int MIN_BASE_IMAGE_JAVA = 17;

  private ProjectInputs() {}

  /**
   * Sorts the project's runtime class path into layers: release dependencies, snapshot dependencies,
   * and jars of modules of the same reactor build. Dependencies that {@code filter} rejects are left
   * out, and the filter's summary of them is logged at info.
   *
   * @throws ConfigurationException when a reactor module's artifact is a directory, because it was
   *     compiled but not packaged in this build
   */
  static ApplicationLayers layers(
      MavenProject project, List<MavenProject> reactorProjects, ClassPathFilter filter, Log log)
      throws ConfigurationException {
    Set<String> reactorModules =
        reactorProjects.stream()
            .map(module -> module.getGroupId() + ":" + module.getArtifactId())
            .collect(Collectors.toSet());
    List<Path> dependencies = new ArrayList<>();
    List<Path> snapshots = new ArrayList<>();
    List<Path> projectDependencies = new ArrayList<>();
    for (Artifact artifact : project.getArtifacts()) {
      File file = artifact.getFile();
      if (!RUNTIME_SCOPES.contains(artifact.getScope()) || file == null
          || !artifact.getArtifactHandler().isAddedToClasspath() || !filter.accepts(artifact)) {
        continue;
      }
      if (file.isDirectory()) {
        throw new ConfigurationException(
            "The dependency " + artifact + " is the directory " + file + ", not a jar: build the module with"
                + " the package phase first, for example 'mvn package ecr:push'.");
      }
      if (reactorModules.contains(artifact.getGroupId() + ":" + artifact.getArtifactId())) {
        projectDependencies.add(file.toPath());
      } else if (artifact.isSnapshot()) {
        snapshots.add(file.toPath());
      } else {
        dependencies.add(file.toPath());
      }
    }
    filter.summary().ifPresent(log::info);
    return new ApplicationLayers(
        dependencies, snapshots, projectDependencies, Path.of(project.getBuild().getOutputDirectory()));
  }

  /**
   * Returns the default base image for the project's Java release N (17 at least):
   * {@code eclipse-temurin:<N>-jre}, or for {@code war} packaging the official Tomcat 11 image on that Java
   * release, {@code tomcat:11.0-jre<N>}, whose entrypoint runs Tomcat with the application in
   * {@code /usr/local/tomcat/webapps/ROOT}.
   */
  static String defaultBaseImage(MavenProject project) {
    int release = Math.max(MIN_BASE_IMAGE_JAVA, javaRelease(project).orElse(MIN_BASE_IMAGE_JAVA));
    return "war".equals(project.getPackaging()) ? "tomcat:11.0-jre" + release : "eclipse-temurin:" + release + "-jre";
  }

  /** Returns the maven-war-plugin's {@code <webappDirectory>}, when the POM sets it. */
  static Optional<String> warPluginWebappDirectory(MavenProject project) {
    return plugin(project, "maven-war-plugin").flatMap(plugin -> configurationValue(plugin, "webappDirectory"));
  }

  /**
   * Returns the Java release the project compiles for: {@code maven.compiler.release}, the compiler
   * plugin's {@code <release>}, then the same for {@code target}. {@code 1.8} counts as 8.
   */
  static Optional<Integer> javaRelease(MavenProject project) {
    Optional<Plugin> compiler = plugin(project, "maven-compiler-plugin");
    for (String name : List.of("release", "target")) {
      Optional<String> value =
          Optional.ofNullable(project.getProperties().getProperty("maven.compiler." + name))
              .or(() -> compiler.flatMap(plugin -> configurationValue(plugin, name)));
      Optional<Integer> release = value.flatMap(ProjectInputs::parseRelease);
      if (release.isPresent()) {
        return release;
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the main class of the maven-jar-plugin's {@code <archive><manifest><mainClass>}, from the
   * {@code default-jar} execution's configuration or else the plugin's.
   */
  static Optional<String> manifestMainClass(MavenProject project) {
    Optional<Plugin> jarPlugin = plugin(project, "maven-jar-plugin");
    Optional<String> fromExecution =
        jarPlugin.stream()
            .flatMap(plugin -> plugin.getExecutions().stream())
            .filter(execution -> "default-jar".equals(execution.getId()))
            .findFirst()
            .flatMap(execution -> valueAt(execution.getConfiguration(), "archive", "manifest", "mainClass"));
    return fromExecution.or(
        () -> jarPlugin.flatMap(plugin -> configurationValue(plugin, "archive", "manifest", "mainClass")));
  }

  private static Optional<Integer> parseRelease(String value) {
    String trimmed = value.trim();
    if (trimmed.startsWith("1.")) {
      trimmed = trimmed.substring(2);
    }
    try {
      return Optional.of(Integer.parseInt(trimmed));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Plugin> plugin(MavenProject project, String artifactId) {
    return project.getBuildPlugins().stream()
        .filter(plugin -> artifactId.equals(plugin.getArtifactId()))
        .findFirst();
  }

  private static Optional<String> configurationValue(Plugin plugin, String... path) {
    return valueAt(plugin.getConfiguration(), path);
  }

  private static Optional<String> valueAt(Object configuration, String... path) {
    if (!(configuration instanceof Xpp3Dom)) {
      return Optional.empty();
    }
    Xpp3Dom node = (Xpp3Dom) configuration;
    for (String name : path) {
      node = node.getChild(name);
      if (node == null) {
        return Optional.empty();
      }
    }
    String value = node.getValue();
    return value == null || value.isBlank() || value.contains("${") ? Optional.empty() : Optional.of(value.trim());
  }
}
