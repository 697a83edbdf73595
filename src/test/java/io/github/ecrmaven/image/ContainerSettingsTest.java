package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ecrmaven.ConfigurationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerSettingsTest {

  private static ContainerSettings withPorts(List<String> ports) {
    return new ContainerSettings(Optional.empty(), List.of(), List.of(), ports, Map.of(), Map.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"8080", "8080/tcp", "53/udp", "9000-9002", "1", "65535", "8080/TCP", "53/Udp"})
  void validateAcceptsPorts(String port) throws ConfigurationException {
    withPorts(List.of(port)).validate();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65536", "http", "8080/sctp", "9002-9000", "80:80"})
  void validateRejectsPorts(String port) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> withPorts(List.of(port)).validate());
    assertTrue(e.getMessage().contains("'" + port + "'"), e.getMessage());
  }

  @Test
  void validateRejectsMainClassWithSlashes() {
    ContainerSettings settings =
        new ContainerSettings(Optional.of("com/example/Main"), List.of(), List.of(), List.of(), Map.of(), Map.of());
    ConfigurationException e = assertThrows(ConfigurationException.class, settings::validate);
    assertTrue(e.getMessage().contains("<container><mainClass>"), e.getMessage());
  }

  @Test
  void validateRejectsEnvironmentNameWithSpace() {
    ContainerSettings settings =
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of("MY VAR", "x"), Map.of());
    ConfigurationException e = assertThrows(ConfigurationException.class, settings::validate);
    assertTrue(e.getMessage().contains("'MY VAR'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"team", "com.example.team", "org.opencontainers.image.title", "a_b-c/d:e"})
  void validateAcceptsLabelKeys(String key) throws ConfigurationException {
    withLabel(key).validate();
  }

  @ParameterizedTest
  @ValueSource(strings = {"my key", " team", "team\u00a0name", "line\nbreak"})
  void validateRejectsLabelKeysWithWhitespace(String key) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> withLabel(key).validate());

    assertTrue(e.getMessage().startsWith("Invalid label key '"), e.getMessage());
    assertTrue(e.getMessage().contains("<container><labels> (ecr.container.labels)"), e.getMessage());
    assertTrue(e.getMessage().contains("must not contain whitespace or control characters"), e.getMessage());
  }

  @Test
  void validateEscapesLabelKeyControls() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> withLabel("team\tname\u0001").validate());

    assertTrue(e.getMessage().startsWith("Invalid label key 'team\\tname\\u0001'"), e.getMessage());
  }

  @Test
  void validateRejectsEmptyLabelKey() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> withLabel("").validate());

    assertTrue(e.getMessage().startsWith("Empty label key in <container><labels> (ecr.container.labels)"),
        e.getMessage());
  }

  private static ContainerSettings withLabel(String key) {
    return new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of(key, "value"));
  }

  private static ContainerSettings with(List<String> entrypoint, String user, String workingDirectory, List<String> volumes) {
    return new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of(),
        Optional.of(Instant.EPOCH), entrypoint, Optional.ofNullable(user), Optional.ofNullable(workingDirectory),
        volumes, ImageFormat.OCI);
  }

  @Test
  void validateAcceptsFullSettings() throws ConfigurationException {
    with(List.of("java", "-jar", "/app/app.jar"), "1000:1000", "/srv/app", List.of("/var/lib/app")).validate();
  }

  @Test
  void entrypointInheritIsRecognized() {
    assertTrue(with(List.of("INHERIT"), null, null, List.of()).inheritsEntrypoint());
    assertTrue(with(List.of("inherit"), null, null, List.of()).inheritsEntrypoint());
    assertFalse(with(List.of("INHERIT"), null, null, List.of()).runsMainClass());
    assertTrue(with(List.of(), null, null, List.of()).runsMainClass());
  }

  @Test
  void validateRejectsInheritWithOtherElements() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> with(List.of("INHERIT", "--debug"), null, null, List.of()).validate());
    assertTrue(e.getMessage().contains("<container><entrypoint> (ecr.container.entrypoint)"), e.getMessage());
    assertTrue(e.getMessage().contains("[INHERIT, --debug]"), e.getMessage());
  }

  @Test
  void validateRejectsBlankEntrypointElement() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> with(List.of("java", " "), null, null, List.of()).validate());
    assertTrue(e.getMessage().contains("Empty element"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"nobody", "1000", "1000:1000", "app:staff", "_svc", "www-data"})
  void validateAcceptsUsers(String user) throws ConfigurationException {
    with(List.of(), user, null, List.of()).validate();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "1000:", ":1000", "a:b:c", "-x", "root;id"})
  void validateRejectsUsers(String user) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> with(List.of(), user, null, List.of()).validate());
    assertTrue(e.getMessage().contains("<container><user> (ecr.container.user) '" + user + "'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"srv/app", "C:\\app", "./app", "~/app"})
  void validateRejectsRelativeWorkingDirectory(String directory) {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> with(List.of(), null, directory, List.of()).validate());
    assertTrue(e.getMessage().contains("<container><workingDirectory> (ecr.container.workingDirectory)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("'" + directory + "'"), e.getMessage());
  }

  @Test
  void validateRejectsRelativeVolume() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> with(List.of(), null, null, List.of("/data", "cache")).validate());
    assertTrue(e.getMessage().contains("'cache' in <container><volumes> (ecr.container.volumes)"), e.getMessage());
  }

  private static ContainerSettings withJvmFlags(List<String> flags) {
    return new ContainerSettings(Optional.empty(), flags, List.of(), List.of(), Map.of(), Map.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "-Xmx64m", "-Dgreeting=hello world", "-XX:+UseG1GC", "--add-opens=java.base/java.lang=ALL-UNNAMED"})
  void validateAcceptsJvmFlags(String flag) throws ConfigurationException {
    withJvmFlags(List.of(flag)).validate();
  }

  @Test
  void validateRejectsJvmFlagWithoutDash() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> withJvmFlags(List.of("Xmx64m")).validate());
    assertTrue(e.getMessage().contains("Invalid JVM flag 'Xmx64m' in <container><jvmFlags>"
        + " (ecr.container.jvmFlags): a flag starts with '-'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-Xmx64m -Xms32m", "-Dname=value\t-Xss1m"})
  void validateRejectsTwoJvmFlagsInOne(String flag) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> withJvmFlags(List.of(flag)).validate());
    assertTrue(e.getMessage().contains("Invalid JVM flag '" + flag + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("Give each flag its own <jvmFlag> element, or separate them with commas in"
        + " the property, such as -Decr.container.jvmFlags=-Xmx64m,-Xms32m."), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "//"})
  void validateRejectsRootVolume(String volume) {
    ContainerSettings settings = new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(),
        Map.of(), Optional.of(Instant.EPOCH), List.of(), Optional.empty(), Optional.empty(), List.of(volume),
        ImageFormat.Docker);
    ConfigurationException e = assertThrows(ConfigurationException.class, settings::validate);
    assertTrue(e.getMessage().startsWith("Invalid volume '" + volume + "' in <container><volumes>"
        + " (ecr.container.volumes): the root directory cannot be a volume"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"JAVA_TOOL_OPTIONS", "_private", "spring.profiles.active", "A-B", "x1"})
  void validateAcceptsEnvironmentNames(String name) throws ConfigurationException {
    new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(name, "x"), Map.of()).validate();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1X", "MY VAR", "-A", ".profile", "A=B", "A$"})
  void validateRejectsEnvironmentNames(String name) {
    ContainerSettings settings =
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(name, "x"), Map.of());
    ConfigurationException e = assertThrows(ConfigurationException.class, settings::validate);
    assertTrue(e.getMessage().contains("Invalid environment variable name '" + name + "' in"
        + " <container><environment> (ecr.container.environment): use letters, digits, '_', '.' and '-', starting"
        + " with a letter or '_'"), e.getMessage());
  }

  @Test
  void validateExplainsReversedPortRange() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> withPorts(List.of("9002-9000/udp")).validate());
    assertEquals("Invalid port '9002-9000/udp' in <container><ports> (ecr.container.ports): the range starts above"
        + " its end. Give the lower port first, such as 9000-9002/udp.", e.getMessage());
  }

  @Test
  void validateListsPortProtocols() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> withPorts(List.of("8080/sctp")).validate());
    assertTrue(e.getMessage().contains("the protocol tcp or udp"), e.getMessage());
  }
}
