package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ApplicationLayers;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectInputsTest {
  @TempDir Path folder;

  private static MavenProject project(String artifactId) {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId(artifactId);
    model.setVersion("1.0.0");
    model.setBuild(new Build());
    MavenProject project = new MavenProject(model);
    project.getBuild().setOutputDirectory("/project/target/classes");
    return project;
  }

  private Artifact artifact(String artifactId, String version, String scope) throws Exception {
    DefaultArtifact artifact =
        new DefaultArtifact("com.example", artifactId, version, scope, "jar", null, jarHandler());
    Path file = Files.createFile(folder.resolve(artifactId + "-" + version + ".jar"));
    artifact.setFile(file.toFile());
    return artifact;
  }

  private static DefaultArtifactHandler jarHandler() {
    DefaultArtifactHandler handler = new DefaultArtifactHandler("jar");
    handler.setAddedToClasspath(true);
    return handler;
  }

  private static Plugin plugin(String artifactId, String configurationXml) throws Exception {
    Plugin plugin = new Plugin();
    plugin.setArtifactId(artifactId);
    plugin.setConfiguration(
        org.codehaus.plexus.util.xml.Xpp3DomBuilder.build(new java.io.StringReader(configurationXml)));
    return plugin;
  }

  @Test
  void layersSplitReleasesSnapshotsAndReactorModules() throws Exception {
    MavenProject app = project("app");
    Set<Artifact> artifacts = new LinkedHashSet<>();
    artifacts.add(artifact("library", "2.0", Artifact.SCOPE_COMPILE));
    artifacts.add(artifact("driver", "3.0", Artifact.SCOPE_RUNTIME));
    artifacts.add(artifact("tooling", "1.1-SNAPSHOT", Artifact.SCOPE_COMPILE));
    artifacts.add(artifact("common", "1.0.0", Artifact.SCOPE_COMPILE));
    artifacts.add(artifact("junit", "5.0", Artifact.SCOPE_TEST));
    artifacts.add(artifact("servlet-api", "4.0", Artifact.SCOPE_PROVIDED));
    app.setArtifacts(artifacts);
    MavenProject common = project("common");

    ApplicationLayers layers = ProjectInputs.layers(app, List.of(app, common), new ClassPathFilter(false), new RecordingLog());

    assertEquals(List.of("library-2.0.jar", "driver-3.0.jar"), names(layers.dependencies()));
    assertEquals(List.of("tooling-1.1-SNAPSHOT.jar"), names(layers.snapshotDependencies()));
    assertEquals(List.of("common-1.0.0.jar"), names(layers.projectDependencies()));
    assertEquals(Path.of("/project/target/classes"), layers.outputDirectory());
  }

  private Artifact optional(Artifact artifact) {
    artifact.setOptional(true);
    return artifact;
  }

  private Artifact springBootArtifact(String artifactId) throws Exception {
    DefaultArtifact artifact = new DefaultArtifact(
        "org.springframework.boot", artifactId, "3.5.0", Artifact.SCOPE_RUNTIME, "jar", null, jarHandler());
    artifact.setFile(Files.createFile(folder.resolve(artifactId + "-3.5.0.jar")).toFile());
    return artifact;
  }

  private ApplicationLayers layersOf(Set<Artifact> artifacts, boolean includeOptional, RecordingLog log)
      throws Exception {
    MavenProject app = project("app");
    app.setArtifacts(artifacts);
    return ProjectInputs.layers(app, List.of(app), new ClassPathFilter(includeOptional), log);
  }

  @Test
  void layersLeaveOutOptionalDependencies() throws Exception {
    Set<Artifact> artifacts = new LinkedHashSet<>();
    artifacts.add(artifact("library", "2.0", Artifact.SCOPE_COMPILE));
    artifacts.add(optional(artifact("extra", "1.0", Artifact.SCOPE_COMPILE)));
    artifacts.add(optional(artifact("extra-tool", "1.0-SNAPSHOT", Artifact.SCOPE_RUNTIME)));
    RecordingLog log = new RecordingLog();

    ApplicationLayers layers = layersOf(artifacts, false, log);

    assertEquals(List.of("library-2.0.jar"), names(layers.dependencies()));
    assertEquals(List.of(), names(layers.snapshotDependencies()));
    assertEquals(1, log.infos.size(), log.infos.toString());
    String summary = log.infos.get(0);
    assertTrue(summary.contains("com.example:extra:1.0 (optional)"), summary);
    assertTrue(summary.contains("com.example:extra-tool:1.0-SNAPSHOT (optional)"), summary);
    assertTrue(summary.contains("<includeOptionalDependencies> (ecr.includeOptionalDependencies)"), summary);
  }

  @Test
  void layersIncludeOptionalDependenciesWhenAsked() throws Exception {
    Set<Artifact> artifacts = new LinkedHashSet<>();
    artifacts.add(artifact("library", "2.0", Artifact.SCOPE_COMPILE));
    artifacts.add(optional(artifact("extra", "1.0", Artifact.SCOPE_COMPILE)));
    RecordingLog log = new RecordingLog();

    ApplicationLayers layers = layersOf(artifacts, true, log);

    assertEquals(List.of("library-2.0.jar", "extra-1.0.jar"), names(layers.dependencies()));
    assertEquals(List.of(), log.infos);
  }

  @Test
  void layersLeaveOutSpringBootDevelopmentTools() throws Exception {
    Set<Artifact> artifacts = new LinkedHashSet<>();
    artifacts.add(springBootArtifact("spring-boot"));
    artifacts.add(springBootArtifact("spring-boot-devtools"));
    artifacts.add(springBootArtifact("spring-boot-docker-compose"));
    RecordingLog log = new RecordingLog();

    // Not optional, and optional dependencies included: the tools stay out all the same.
    ApplicationLayers layers = layersOf(artifacts, true, log);

    assertEquals(List.of("spring-boot-3.5.0.jar"), names(layers.dependencies()));
    String summary = log.infos.get(0);
    assertTrue(summary.contains("org.springframework.boot:spring-boot-devtools:3.5.0 (development-only tool)"),
        summary);
    assertTrue(summary.contains("org.springframework.boot:spring-boot-docker-compose:3.5.0 (development-only tool)"),
        summary);
    assertFalse(summary.contains("includeOptionalDependencies"), summary);
  }

  @Test
  void layersLeaveOutOptionalDevtools() throws Exception {
    Artifact devtools = optional(springBootArtifact("spring-boot-devtools"));
    RecordingLog log = new RecordingLog();

    ApplicationLayers layers = layersOf(Set.of(devtools), false, log);

    assertEquals(List.of(), names(layers.dependencies()));
    assertTrue(log.infos.get(0).contains("spring-boot-devtools:3.5.0 (development-only tool)"), log.infos.toString());
  }

  @Test
  void layersRejectUnpackagedReactorModule() throws Exception {
    MavenProject app = project("app");
    DefaultArtifact common =
        new DefaultArtifact("com.example", "common", "1.0.0", "compile", "jar", null, jarHandler());
    File classes = Files.createDirectory(folder.resolve("classes")).toFile();
    common.setFile(classes);
    app.setArtifacts(Set.of(common));

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> ProjectInputs.layers(app, List.of(app), new ClassPathFilter(false), new RecordingLog()));
    assertTrue(e.getMessage().contains("mvn package ecr:push"), e.getMessage());
  }

  @Test
  void defaultBaseImageFollowsRelease() {
    MavenProject app = project("app");
    app.getProperties().setProperty("maven.compiler.release", "21");
    assertEquals("eclipse-temurin:21-jre", ProjectInputs.defaultBaseImage(app));
  }

  @Test
  void defaultBaseImageIsAtLeastJava17() {
    MavenProject app = project("app");
    app.getProperties().setProperty("maven.compiler.target", "1.8");
    assertEquals("eclipse-temurin:17-jre", ProjectInputs.defaultBaseImage(app));
  }

  @Test
  void defaultBaseImageReadsCompilerPluginRelease() throws Exception {
    MavenProject app = project("app");
    app.getBuild().addPlugin(plugin("maven-compiler-plugin", "<configuration><release>25</release></configuration>"));
    assertEquals("eclipse-temurin:25-jre", ProjectInputs.defaultBaseImage(app));
  }

  @Test
  void manifestMainClassComesFromJarPlugin() throws Exception {
    MavenProject app = project("app");
    app.getBuild().addPlugin(plugin("maven-jar-plugin",
        "<configuration><archive><manifest><mainClass>com.example.Main</mainClass></manifest></archive></configuration>"));
    assertEquals(Optional.of("com.example.Main"), ProjectInputs.manifestMainClass(app));
  }

  @Test
  void manifestMainClassComesFromDefaultJarExecution() throws Exception {
    MavenProject app = project("app");
    Plugin jar = plugin("maven-jar-plugin",
        "<configuration><archive><manifest><mainClass>com.example.Plugin</mainClass></manifest></archive></configuration>");
    org.apache.maven.model.PluginExecution execution = new org.apache.maven.model.PluginExecution();
    execution.setId("default-jar");
    execution.setConfiguration(org.codehaus.plexus.util.xml.Xpp3DomBuilder.build(new java.io.StringReader(
        "<configuration><archive><manifest><mainClass>com.example.Execution</mainClass></manifest></archive></configuration>")));
    jar.addExecution(execution);
    app.getBuild().addPlugin(jar);
    assertEquals(Optional.of("com.example.Execution"), ProjectInputs.manifestMainClass(app));
  }

  @Test
  void manifestMainClassIsEmptyWithoutJarPlugin() {
    assertEquals(Optional.empty(), ProjectInputs.manifestMainClass(project("app")));
  }

  private static List<String> names(List<Path> paths) {
    return paths.stream().map(path -> path.getFileName().toString()).toList();
  }
}
