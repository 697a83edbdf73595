package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ApplicationForm;
import io.github.ecrmaven.image.ContainerSettings;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerizingParametersTest {
  @TempDir Path folder;

  private final RecordingLog log = new RecordingLog();

  private MavenProject project(String packaging) {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId("shop");
    model.setVersion("1.0");
    model.setPackaging(packaging);
    model.setBuild(new Build());
    MavenProject project = new MavenProject(model);
    project.setFile(folder.resolve("pom.xml").toFile());
    project.getBuild().setDirectory(folder.resolve("target").toString());
    project.getBuild().setOutputDirectory(folder.resolve("target/classes").toString());
    project.getBuild().setFinalName("shop-1.0");
    String extension = packaging;
    project.setArtifact(new DefaultArtifact("com.example", "shop", "1.0", null, packaging, null,
        new DefaultArtifactHandler(extension) {
          @Override
          public String getExtension() {
            return extension;
          }
        }));
    return project;
  }

  private static ParameterLookup lookup(Map<String, String> userProperties) {
    Properties properties = new Properties();
    properties.putAll(userProperties);
    return new ParameterLookup(properties, new Properties(), new Properties());
  }

  private ApplicationForm resolve(MavenProject project, String mode, String appRoot) throws ConfigurationException {
    return ContainerizingParameters.resolve(lookup(Map.of()), mode, appRoot, project, log);
  }

  private Path writeJar(String name, Map<String, String> attributes, String entry) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.forEach((key, value) -> manifest.getMainAttributes().putValue(key, value));
    Path jar = folder.resolve("target").resolve(name);
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream output = new JarOutputStream(file, manifest)) {
      output.putNextEntry(new JarEntry(entry));
      output.write(1);
      output.closeEntry();
    }
    return jar;
  }

  @Test
  void defaultIsExplodedClasses() throws Exception {
    assertInstanceOf(ApplicationForm.ExplodedClasses.class, resolve(project("jar"), null, null));
  }

  @Test
  void packagedTakesProjectJar() throws Exception {
    Path jar = writeJar("shop-1.0.jar", Map.of("Main-Class", "com.example.Shop"), "com/example/Shop.class");

    ApplicationForm form = resolve(project("jar"), "packaged", null);

    assertEquals(new ApplicationForm.PackagedJar(jar), form);
  }

  /** Writes a jar dated {@code jarTime} and a class file one hour newer, as after a compile without package. */
  private MavenProject projectWithOlderJar(Instant jarTime) throws Exception {
    Path jar = writeJar("shop-1.0.jar", Map.of("Main-Class", "com.example.Shop"), "com/example/Shop.class");
    Files.setLastModifiedTime(jar, FileTime.from(jarTime));
    Path classFile = Files.createDirectories(folder.resolve("target/classes/com/example")).resolve("Shop.class");
    Files.write(classFile, new byte[] {1});
    Files.setLastModifiedTime(classFile, FileTime.from(jarTime.plusSeconds(3600)));
    return project("jar");
  }

  @Test
  void packagedWarnsWhenJarOlderThanClasses() throws Exception {
    MavenProject project = projectWithOlderJar(Instant.parse("2026-01-02T03:04:05Z"));

    ContainerizingParameters.resolve(lookup(Map.of()), "packaged", null, project, log);

    assertEquals(1, log.warnings.size(), log.warnings.toString());
    assertTrue(log.warnings.get(0).contains("shop-1.0.jar is older than"), log.warnings.get(0));
  }

  @Test
  void packagedSkipsCheckAtOutputTimestamp() throws Exception {
    MavenProject project = projectWithOlderJar(Instant.parse("2026-01-02T03:04:05Z"));

    ContainerizingParameters.resolve(
        lookup(Map.of("project.build.outputTimestamp", "2026-01-02T03:04:05Z")), "packaged", null, project, log);

    assertEquals(List.of(), log.warnings);
  }

  @Test
  void packagedWarnsAtOtherOutputTimestamp() throws Exception {
    MavenProject project = projectWithOlderJar(Instant.parse("2026-01-02T03:04:05Z"));

    ContainerizingParameters.resolve(
        lookup(Map.of("project.build.outputTimestamp", "1767236645")), "packaged", null, project, log);

    assertEquals(1, log.warnings.size(), log.warnings.toString());
  }

  @Test
  void packagedDetectsSpringBootJar() throws Exception {
    writeJar("shop-1.0.jar", Map.of("Main-Class", "org.springframework.boot.loader.launch.JarLauncher",
        "Spring-Boot-Version", "3.5.7"), "BOOT-INF/classes/com/example/Shop.class");

    ApplicationForm form = resolve(project("jar"), "packaged", null);

    assertInstanceOf(ApplicationForm.SpringBootExecutableJar.class, form);
    assertTrue(log.infos.get(0).contains("Spring Boot jar shop-1.0.jar (Spring Boot 3.5.7)"), log.infos.toString());
  }

  @Test
  void springBootLogListsOnlyFilledLayers() throws Exception {
    writeJar("shop-1.0.jar", Map.of("Main-Class", "org.springframework.boot.loader.launch.JarLauncher",
        "Spring-Boot-Version", "3.5.7"), "BOOT-INF/classes/com/example/Shop.class");

    resolve(project("jar"), "packaged", null);

    assertTrue(log.infos.get(0).endsWith(" in the layers application (it has no layer index)"), log.infos.toString());
  }

  @Test
  void propertyOverridesPomMode() throws Exception {
    ApplicationForm form = ContainerizingParameters.resolve(
        lookup(Map.of("ecr.containerizingMode", "exploded")), "packaged", null, project("jar"), log);

    assertInstanceOf(ApplicationForm.ExplodedClasses.class, form);
  }

  @Test
  void packagedRejectsMissingJar() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolve(project("jar"), "packaged", null));

    assertTrue(e.getMessage().contains(folder.resolve("target/shop-1.0.jar") + " is missing"), e.getMessage());
    assertTrue(e.getMessage().contains("<containerizingMode> (ecr.containerizingMode) 'packaged'"), e.getMessage());
    assertTrue(e.getMessage().contains("mvn package ecr:push"), e.getMessage());
  }

  @Test
  void packagedRejectsPackagingWithoutJar() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolve(project("ear"), "packaged", null));

    assertTrue(e.getMessage().contains("has ear packaging"), e.getMessage());
  }

  @Test
  void unknownModeIsRejected() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolve(project("jar"), "fat-jar", null));

    assertTrue(e.getMessage().contains("'fat-jar'"), e.getMessage());
  }

  @Test
  void warTakesExplodedDirectoryAndDefaultAppRoot() throws Exception {
    Path exploded = Files.createDirectories(folder.resolve("target/shop-1.0/WEB-INF"));

    ApplicationForm form = resolve(project("war"), null, null);

    assertEquals(new ApplicationForm.ExplodedWar(exploded.getParent(), "/usr/local/tomcat/webapps/ROOT"), form);
  }

  @Test
  void warTakesConfiguredAppRoot() throws Exception {
    Files.createDirectories(folder.resolve("target/shop-1.0"));

    ApplicationForm form = resolve(project("war"), "exploded", "/var/lib/jetty/webapps/ROOT/");

    assertEquals("/var/lib/jetty/webapps/ROOT", ((ApplicationForm.ExplodedWar) form).appRoot());
  }

  @Test
  void warRejectsPackagedMode() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolve(project("war"), "packaged", null));

    assertTrue(e.getMessage().contains("'packaged' does not fit the war packaging of shop"), e.getMessage());
  }

  @Test
  void warRejectsMissingExplodedDirectory() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(project("war"), null, null));

    assertTrue(e.getMessage().contains(folder.resolve("target/shop-1.0") + " is missing"), e.getMessage());
    assertTrue(e.getMessage().contains("mvn package ecr:push"), e.getMessage());
  }

  @Test
  void warRejectsRelativeAppRoot() throws Exception {
    Files.createDirectories(folder.resolve("target/shop-1.0"));

    for (String appRoot : List.of("webapps/ROOT", "/", "/srv/../etc")) {
      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> resolve(project("war"), null, appRoot), appRoot);
      assertTrue(e.getMessage().startsWith("Invalid <container><appRoot> (ecr.container.appRoot) '" + appRoot + "'"),
          e.getMessage());
    }
  }

  @Test
  void warChecksAppRootBeforeDirectory() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolve(project("war"), null, "webapps/ROOT"));

    assertTrue(e.getMessage().startsWith("Invalid <container><appRoot> (ecr.container.appRoot) 'webapps/ROOT'"),
        e.getMessage());
  }

  @Test
  void appRootRejectedForJar() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolve(project("jar"), null, "/srv/app"));

    assertTrue(e.getMessage().contains("applies only to projects with war packaging"), e.getMessage());
  }

  @Test
  void warInheritsBaseEntrypoint() {
    ContainerSettings settings =
        new ContainerSettings(Optional.of("com.example.Main"), List.of(), List.of(), List.of(), Map.of(), Map.of());

    ContainerSettings adjusted = ContainerizingParameters.adjustContainer(
        settings, new ApplicationForm.ExplodedWar(folder, "/usr/local/tomcat/webapps/ROOT"), log);

    assertTrue(adjusted.inheritsEntrypoint());
    assertEquals(1, log.warnings.size());
  }

  @Test
  void defaultBaseImageOfWarIsTomcat() {
    assertEquals("tomcat:11.0-jre17", ProjectInputs.defaultBaseImage(project("war")));
    assertEquals("eclipse-temurin:17-jre", ProjectInputs.defaultBaseImage(project("jar")));
  }

  @Test
  void appRootWithParentElementIsExplained() {
    String appRoot = "/usr/local/tomcat/webapps/../../ROOT";
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolve(project("war"), null, appRoot));
    assertTrue(e.getMessage().startsWith("Invalid <container><appRoot> (ecr.container.appRoot) '" + appRoot + "': it"
        + " contains a '..' element"), e.getMessage());
  }
}
