package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ApplicationForm;
import io.github.ecrmaven.image.SpringBootJar;
import io.github.ecrmaven.image.ExtraDirectories;
import io.github.ecrmaven.image.ExtraDirectories.ExtraDirectory;
import io.github.ecrmaven.image.ExtraDirectories.PermissionRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerParametersTest {
  @TempDir Path project;
  private final Properties userProperties = new Properties();
  private final Properties projectProperties = new Properties();

  @BeforeEach
  void createDirectories() throws Exception {
    Files.createDirectories(project.resolve("src/main/container"));
    Files.createDirectories(project.resolve("config"));
  }

  private ExtraDirectories resolve(ExtraDirectoriesParameters parameters) throws ConfigurationException {
    ParameterLookup lookup = new ParameterLookup(userProperties, new Properties(), projectProperties);
    return LayerParameters.extraDirectories(lookup, parameters, project);
  }

  private static ExtraDirectoriesParameters pomParameters() {
    ExtraDirectoriesParameters parameters = new ExtraDirectoriesParameters();
    ExtraDirectoryParameters simple = new ExtraDirectoryParameters();
    simple.set("src/main/container");
    parameters.paths = List.of(simple, new ExtraDirectoryParameters("config", "/etc/app"));
    parameters.permissions = List.of(new PermissionParameters("/bin/*", "755"));
    parameters.fileMode = "640";
    return parameters;
  }

  @Test
  void extraDirectoriesDefaultToNone() throws ConfigurationException {
    assertEquals(ExtraDirectories.none(), resolve(null));
  }

  @Test
  void extraDirectoriesComeFromPom() throws ConfigurationException {
    ExtraDirectories directories = resolve(pomParameters());

    assertEquals(List.of(new ExtraDirectory(project.resolve("src/main/container"), "/"),
        new ExtraDirectory(project.resolve("config"), "/etc/app")), directories.paths());
    assertEquals(List.of(new PermissionRule("/bin/*", "755")), directories.permissions());
    assertEquals("640", directories.fileMode());
    assertEquals("755", directories.directoryMode());
  }

  @Test
  void propertiesOverridePom() throws ConfigurationException {
    userProperties.setProperty("ecr.extraDirectories.paths", "config=/opt/config");
    userProperties.setProperty("ecr.extraDirectories.permissions", "/opt/config/*=600,/opt/config/run=700");
    userProperties.setProperty("ecr.extraDirectories.fileMode", "444");
    userProperties.setProperty("ecr.extraDirectories.directoryMode", "555");

    ExtraDirectories directories = resolve(pomParameters());

    assertEquals(List.of(new ExtraDirectory(project.resolve("config"), "/opt/config")), directories.paths());
    assertEquals(List.of(new PermissionRule("/opt/config/*", "600"), new PermissionRule("/opt/config/run", "700")),
        directories.permissions());
    assertEquals("444", directories.fileMode());
    assertEquals("555", directories.directoryMode());
  }

  @Test
  void projectPropertyAppliesWithoutPomValue() throws ConfigurationException {
    projectProperties.setProperty("ecr.extraDirectories.paths", "src/main/container");

    assertEquals(List.of(new ExtraDirectory(project.resolve("src/main/container"), "/")), resolve(null).paths());
  }

  @Test
  void pathWithoutFromIsRejected() {
    ExtraDirectoriesParameters parameters = new ExtraDirectoriesParameters();
    parameters.paths = List.of(new ExtraDirectoryParameters(null, "/opt/app"));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(parameters));
    assertTrue(e.getMessage().contains("Missing <from> in <extraDirectories><paths><path>"
        + " (ecr.extraDirectories.paths)"), e.getMessage());
  }

  @Test
  void permissionPropertyWithoutModeIsRejected() {
    userProperties.setProperty("ecr.extraDirectories.permissions", "/opt/app/run.sh");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(null));
    assertTrue(e.getMessage().contains("'/opt/app/run.sh' in the property ecr.extraDirectories.permissions"),
        e.getMessage());
  }

  @Test
  void invalidModePropertyIsRejected() {
    userProperties.setProperty("ecr.extraDirectories.permissions", "/opt/app/run.sh=rwx");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(null));
    assertTrue(e.getMessage().contains("'rwx' in <extraDirectories><permissions><permission><mode>"), e.getMessage());
  }

  @Test
  void permissionWithoutModeIsRejected() {
    ExtraDirectoriesParameters parameters = new ExtraDirectoriesParameters();
    parameters.permissions = List.of(new PermissionParameters("/opt/app/bin/*", null));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(parameters));
    assertTrue(e.getMessage().startsWith("Missing <mode> in <extraDirectories><permissions><permission>"
        + " (ecr.extraDirectories.permissions) for '/opt/app/bin/*': give three octal digits"), e.getMessage());
  }

  @Test
  void permissionPropertyWithEmptyModeIsRejected() {
    userProperties.setProperty("ecr.extraDirectories.permissions", "/opt/app/bin/*=");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(null));
    assertTrue(e.getMessage().startsWith("Missing <mode> in"), e.getMessage());
  }

  @Test
  void permissionWithoutFileIsRejected() {
    ExtraDirectoriesParameters parameters = new ExtraDirectoriesParameters();
    parameters.permissions = List.of(new PermissionParameters(null, "755"));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(parameters));
    assertTrue(e.getMessage().startsWith("Missing <file> in <extraDirectories><permissions><permission>"
        + " (ecr.extraDirectories.permissions) with <mode>755</mode>: name the container path"), e.getMessage());
  }

  private final RecordingLog log = new RecordingLog();

  private void layers(Boolean includeOptional, ExtraDirectoriesParameters extraDirectories, ApplicationForm form)
      throws ConfigurationException {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId("shop");
    model.setVersion("1.0");
    model.setBuild(new Build());
    MavenProject mavenProject = new MavenProject(model);
    mavenProject.setFile(project.resolve("pom.xml").toFile());
    mavenProject.getBuild().setOutputDirectory(project.resolve("target/classes").toString());
    ParameterLookup lookup = new ParameterLookup(userProperties, new Properties(), projectProperties);
    LayerParameters.layers(lookup, mavenProject, List.of(mavenProject), includeOptional, extraDirectories, form, log);
  }

  private ApplicationForm.SpringBootExecutableJar springBootJar() {
    return new ApplicationForm.SpringBootExecutableJar(new SpringBootJar(project.resolve("target/shop-1.0.jar"),
        "org.springframework.boot.loader.launch.JarLauncher", Optional.empty(), Optional.empty(), Optional.empty()));
  }

  @Test
  void includeOptionalWarnsForSpringBootJar() throws ConfigurationException {
    layers(true, null, springBootJar());

    assertEquals(1, log.warnings.size(), log.warnings.toString());
    assertTrue(log.warnings.get(0).startsWith("<includeOptionalDependencies> (ecr.includeOptionalDependencies) is"
        + " true but has no effect: the class path of a Spring Boot executable jar is the jar's own BOOT-INF/lib"),
        log.warnings.get(0));
    assertTrue(log.warnings.get(0).contains("<containerizingMode>exploded</containerizingMode>"), log.warnings.get(0));
  }

  @Test
  void includeOptionalPropertyWarnsForWar() throws ConfigurationException {
    userProperties.setProperty("ecr.includeOptionalDependencies", "true");

    layers(null, null, new ApplicationForm.ExplodedWar(project, "/usr/local/tomcat/webapps/ROOT"));

    assertEquals(1, log.warnings.size(), log.warnings.toString());
    assertTrue(log.warnings.get(0).contains("the class path of a WAR is its own WEB-INF/lib"), log.warnings.get(0));
  }

  @Test
  void includeOptionalAppliesToExplodedClasses() throws ConfigurationException {
    layers(true, null, new ApplicationForm.ExplodedClasses());
    layers(false, null, springBootJar());

    assertEquals(List.of(), log.warnings);
  }

  @Test
  void modesWithoutPathsWarn() throws ConfigurationException {
    ExtraDirectoriesParameters parameters = new ExtraDirectoriesParameters();
    parameters.permissions = List.of(new PermissionParameters("/opt/app/bin/*", "755"));
    parameters.fileMode = "640";
    userProperties.setProperty("ecr.extraDirectories.directoryMode", "750");

    layers(false, parameters, new ApplicationForm.ExplodedClasses());

    assertEquals(List.of("<extraDirectories><permissions> (ecr.extraDirectories.permissions) and"
        + " <extraDirectories><fileMode> (ecr.extraDirectories.fileMode) and <extraDirectories><directoryMode>"
        + " (ecr.extraDirectories.directoryMode) have no effect: <extraDirectories><paths>"
        + " (ecr.extraDirectories.paths) names no directory, so no file is copied into the image. Add the"
        + " directories to copy to <paths>, or remove the modes."), log.warnings);
  }

  @Test
  void oneModeWithoutPathsWarns() throws ConfigurationException {
    userProperties.setProperty("ecr.extraDirectories.fileMode", "600");

    layers(false, null, new ApplicationForm.ExplodedClasses());

    assertEquals(1, log.warnings.size(), log.warnings.toString());
    assertTrue(log.warnings.get(0).startsWith("<extraDirectories><fileMode> (ecr.extraDirectories.fileMode) has no"
        + " effect"), log.warnings.get(0));
  }

  @Test
  void modesWithPathsDoNotWarn() throws Exception {
    Files.createDirectories(project.resolve("src/main/container/bin"));
    Files.writeString(project.resolve("src/main/container/bin/run.sh"), "#!/bin/sh\n");

    layers(false, pomParameters(), new ApplicationForm.ExplodedClasses());
    layers(false, null, new ApplicationForm.ExplodedClasses());

    assertEquals(List.of(), log.warnings);
  }

  @Test
  void permissionMatchingNothingWarns() throws Exception {
    Files.createDirectories(project.resolve("src/main/container/bin"));
    Files.writeString(project.resolve("src/main/container/bin/run.sh"), "#!/bin/sh\n");
    userProperties.setProperty("ecr.extraDirectories.paths", "src/main/container=/opt/app");
    userProperties.setProperty("ecr.extraDirectories.permissions", "/opt/ap/bin/*=755,/opt/app/bin/*=700");

    layers(false, null, new ApplicationForm.ExplodedClasses());

    assertEquals(List.of("<extraDirectories><permissions><permission><file> (ecr.extraDirectories.permissions)"
        + " '/opt/ap/bin/*' matches no file or directory that the extra directories copy into /opt/app, so its mode"
        + " applies to nothing. Check the path for a typo: it is a path in the container, below <into>."),
        log.warnings);
  }

  @Test
  void missingDirectoryIsRejected() {
    userProperties.setProperty("ecr.extraDirectories.paths", "src/main/jib");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(null));
    assertTrue(e.getMessage().contains(project.resolve("src/main/jib") + " from <extraDirectories>"), e.getMessage());
  }
}
