package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ContainerSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageParametersTest {
  private final Properties userProperties = new Properties();
  private final RecordingLog log = new RecordingLog();

  private static MavenProject project() {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId("app");
    model.setVersion("2.0.0");
    return new MavenProject(model);
  }

  private ContainerSettings resolve(ContainerParameters parameters) throws ConfigurationException {
    ParameterLookup lookup = new ParameterLookup(userProperties, new Properties(), new Properties());
    return ImageParameters.containerSettings(lookup, parameters, project(), log);
  }

  @Test
  void formatDefaultsToDocker() throws ConfigurationException {
    assertEquals(ImageFormat.Docker, resolve(null).format());
  }

  @ParameterizedTest
  @ValueSource(strings = {"OCI", "oci", " Oci "})
  void formatAcceptsOci(String value) throws ConfigurationException {
    assertEquals(ImageFormat.OCI, ImageParameters.format(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker", "Docker", "DOCKER"})
  void formatAcceptsDocker(String value) throws ConfigurationException {
    assertEquals(ImageFormat.Docker, ImageParameters.format(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "docker-v2s2", "oci-archive"})
  void formatRejectsOtherValues(String value) {
    userProperties.setProperty("ecr.container.format", value);
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(null));
    assertTrue(e.getMessage().contains("<container><format> (ecr.container.format) '" + value + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("Docker (the default) or OCI"), e.getMessage());
  }

  @Test
  void standardLabelsComeFromPom() throws ConfigurationException {
    Map<String, String> labels = resolve(null).labels();

    assertEquals("app", labels.get("org.opencontainers.image.title"));
    assertEquals("2.0.0", labels.get("org.opencontainers.image.version"));
    assertEquals("1970-01-01T00:00:00Z", labels.get("org.opencontainers.image.created"));
  }

  @Test
  void enumeratedValuesAreCheckedAlone() throws ConfigurationException {
    ParameterLookup lookup = new ParameterLookup(userProperties, new Properties(), new Properties());
    ContainerParameters container = new ContainerParameters();
    container.format = "OCI";
    container.skipStandardLabels = List.of("created", "org.opencontainers.image.revision");

    ImageParameters.checkEnumeratedValues(lookup, "packaged", container);
    ImageParameters.checkEnumeratedValues(lookup, null, null);
  }

  @Test
  void enumeratedValuesRejectUnknownMode() {
    ParameterLookup lookup = new ParameterLookup(userProperties, new Properties(), new Properties());
    userProperties.setProperty("ecr.containerizingMode", "packd");

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> ImageParameters.checkEnumeratedValues(lookup, null, null));

    assertTrue(e.getMessage().startsWith("Invalid <containerizingMode> (ecr.containerizingMode) 'packd'"),
        e.getMessage());
  }

  @Test
  void enumeratedValuesRejectUnknownFormatAndLabel() {
    ParameterLookup lookup = new ParameterLookup(userProperties, new Properties(), new Properties());
    ContainerParameters badFormat = new ContainerParameters();
    badFormat.format = "tar";
    ContainerParameters badLabel = new ContainerParameters();
    badLabel.skipStandardLabels = List.of("author");

    ConfigurationException format = assertThrows(ConfigurationException.class,
        () -> ImageParameters.checkEnumeratedValues(lookup, null, badFormat));
    ConfigurationException label = assertThrows(ConfigurationException.class,
        () -> ImageParameters.checkEnumeratedValues(lookup, null, badLabel));

    assertTrue(format.getMessage().startsWith("Invalid <container><format> (ecr.container.format) 'tar'"),
        format.getMessage());
    assertTrue(label.getMessage().startsWith("Invalid label 'author' in <container><skipStandardLabels>"),
        label.getMessage());
  }

  @Test
  void labelPropertyWithSpaceInKeyIsRejected() {
    userProperties.setProperty("ecr.container.labels", "team=payments,cost center=42");

    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(null));

    assertTrue(e.getMessage().startsWith("Invalid label key 'cost center' in <container><labels>"
        + " (ecr.container.labels)"), e.getMessage());
  }

  @Test
  void configuredLabelReplacesStandardLabel() throws ConfigurationException {
    ContainerParameters parameters = new ContainerParameters();
    parameters.labels = Map.of("org.opencontainers.image.title", "Orders", "team", "payments");

    Map<String, String> labels = resolve(parameters).labels();

    assertEquals("Orders", labels.get("org.opencontainers.image.title"));
    assertEquals("payments", labels.get("team"));
  }

  @Test
  void skipStandardLabelsPropertyLeavesThemOut() throws ConfigurationException {
    userProperties.setProperty("ecr.container.skipStandardLabels", "all");
    userProperties.setProperty("ecr.container.labels", "team=payments");

    assertEquals(Map.of("team", "payments"), resolve(null).labels());
  }

  @Test
  void currentCreationTimeMatchesCreatedLabel() throws ConfigurationException {
    userProperties.setProperty("ecr.container.creationTime", "USE_CURRENT_TIMESTAMP");
    Instant before = Instant.now();

    ContainerSettings settings = resolve(null);

    Instant creationTime = settings.creationTime().orElseThrow();
    assertFalse(creationTime.isBefore(before), creationTime.toString());
    assertEquals(creationTime.toString(), settings.labels().get("org.opencontainers.image.created"));
  }

  @Test
  void propertiesSetProcessSettings() throws ConfigurationException {
    userProperties.setProperty("ecr.container.entrypoint", "/opt/app/run.sh,--fast");
    userProperties.setProperty("ecr.container.user", "1000:1000");
    userProperties.setProperty("ecr.container.workingDirectory", "/srv/app");
    userProperties.setProperty("ecr.container.volumes", "/var/lib/app,/tmp/cache");

    ContainerSettings settings = resolve(null);

    assertEquals(List.of("/opt/app/run.sh", "--fast"), settings.entrypoint());
    assertEquals(Optional.of("1000:1000"), settings.user());
    assertEquals(Optional.of("/srv/app"), settings.workingDirectory());
    assertEquals(List.of("/var/lib/app", "/tmp/cache"), settings.volumes());
  }

  @Test
  void propertyOverridesPomEntrypoint() throws ConfigurationException {
    ContainerParameters parameters = new ContainerParameters();
    parameters.entrypoint = List.of("/opt/app/run.sh");
    userProperties.setProperty("ecr.container.entrypoint", "INHERIT");

    assertTrue(resolve(parameters).inheritsEntrypoint());
  }

  @Test
  void entrypointWithMainClassWarns() throws ConfigurationException {
    ContainerParameters parameters = new ContainerParameters();
    parameters.entrypoint = List.of("/opt/app/run.sh");
    parameters.mainClass = "com.example.Main";

    resolve(parameters);

    assertEquals(1, log.warnings.size(), log.warnings.toString());
    assertTrue(log.warnings.get(0).contains("<container><mainClass> and <container><jvmFlags> are not used"),
        log.warnings.get(0));
  }

  @Test
  void invalidUserPropertyIsRejected() {
    userProperties.setProperty("ecr.container.user", "app user");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(null));
    assertTrue(e.getMessage().contains("(ecr.container.user) 'app user'"), e.getMessage());
  }
}
