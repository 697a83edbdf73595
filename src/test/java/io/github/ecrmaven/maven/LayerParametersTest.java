package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ExtraDirectories;
import io.github.ecrmaven.image.ExtraDirectories.ExtraDirectory;
import io.github.ecrmaven.image.ExtraDirectories.PermissionRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
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
  void missingDirectoryIsRejected() {
    userProperties.setProperty("ecr.extraDirectories.paths", "src/main/jib");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(null));
    assertTrue(e.getMessage().contains(project.resolve("src/main/jib") + " from <extraDirectories>"), e.getMessage());
  }
}
