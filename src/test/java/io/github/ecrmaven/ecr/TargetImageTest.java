package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetImageTest {

  @Test
  void repositoryOnlyUsesCallersRegistry() throws ConfigurationException {
    TargetImage target = TargetImage.resolve(null, "team/app", List.of("1.0.0"));
    assertTrue(target.registry().isEmpty());
    assertEquals("team/app", target.repository().value());
    assertEquals(List.of(new ImageTag("1.0.0")), target.tags());
  }

  @Test
  void fullReferenceGivesRegistryAndAddsItsTag() throws ConfigurationException {
    TargetImage target =
        TargetImage.resolve("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:stable", "ignored", List.of("1.0.0"));
    assertEquals("123456789012", target.registry().orElseThrow().accountId());
    assertEquals("team/app", target.repository().value());
    assertEquals(List.of(new ImageTag("1.0.0"), new ImageTag("stable")), target.tags());
  }

  @Test
  void duplicateTagsArePushedOnce() throws ConfigurationException {
    TargetImage target =
        TargetImage.resolve("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0", "ignored", List.of("1.0", "1.0"));
    assertEquals(1, target.tags().size());
  }

  @Test
  void referenceWithoutHostIsRejected() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> TargetImage.resolve("team/app", "x", List.of("1")));
    assertTrue(e.getMessage().contains("no registry host"), e.getMessage());
  }

  @Test
  void nonEcrHostIsRejected() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> TargetImage.resolve("docker.io/team/app", "x", List.of("1")));
    assertTrue(e.getMessage().contains("'docker.io' is not a private ECR registry host"), e.getMessage());
  }

  @Test
  void ecrPublicIsRejected() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> TargetImage.resolve("public.ecr.aws/a/app", "x", List.of("1")));
    assertTrue(e.getMessage().contains("ECR Public"), e.getMessage());
  }

  @Test
  void digestInReferenceIsRejected() {
    assertThrows(
        ConfigurationException.class,
        () -> TargetImage.resolve("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:abc", "x", List.of("1")));
  }

  @Test
  void invalidRepositoryInReferenceNamesToImage() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> TargetImage.resolve("123456789012.dkr.ecr.eu-west-1.amazonaws.com/App", "x", List.of("1")));
    assertTrue(e.getMessage().contains("<to><image>"), e.getMessage());
  }

  @Test
  void invalidTagInReferenceNamesToImage() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> TargetImage.resolve("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0+b", "x", List.of("1")));
    assertTrue(e.getMessage().contains("'1.0+b' in <to><image> (ecr.to.image)"), e.getMessage());
  }

  @Test
  void emptyTagListIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> TargetImage.resolve(null, "app", List.of()));
    assertTrue(e.getMessage().startsWith("No image tag"), e.getMessage());
  }

  @Test
  void invalidTagNamesTagsParameter() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> TargetImage.resolve(null, "app", List.of("1.0+b")));
    assertTrue(e.getMessage().contains("<to><tags>"), e.getMessage());
  }

  @Test
  void registryIdComesFromReference() throws ConfigurationException {
    TargetImage target =
        TargetImage.resolve("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app", "x", List.of("1"), null, null);
    assertEquals(java.util.Optional.of("123456789012"), target.registryId());
  }

  @Test
  void explicitRegistryIdIsKept() throws ConfigurationException {
    TargetImage target = TargetImage.resolve(null, "app", List.of("1"), "210987654321", null);
    assertEquals(java.util.Optional.of("210987654321"), target.registryId());
  }

  @Test
  void conflictingRegistryIdIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> TargetImage.resolve(
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app", "x", List.of("1"), "210987654321", null));
    assertTrue(e.getMessage().startsWith("Conflicting registries"), e.getMessage());
  }

  @Test
  void malformedRegistryIdIsRejected() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> TargetImage.resolve(null, "app", List.of("1"), "1234", null));
    assertTrue(e.getMessage().contains("<registryId> (ecr.registryId) '1234'"), e.getMessage());
  }

  @Test
  void registryEndpointIsKept() throws ConfigurationException {
    TargetImage target = TargetImage.resolve(null, "app", List.of("1"), null, "vpce-1.dkr.ecr.eu-west-1.vpce.amazonaws.com:443");
    assertEquals(java.util.Optional.of("vpce-1.dkr.ecr.eu-west-1.vpce.amazonaws.com:443"), target.registryEndpoint());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"https://vpce-1.example", "host/path", "host:99999", "host:"})
  void malformedRegistryEndpointIsRejected(String endpoint) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> TargetImage.resolve(null, "app", List.of("1"), null, endpoint));
    assertTrue(e.getMessage().contains("<registryEndpoint> (ecr.registryEndpoint) '" + endpoint + "'"), e.getMessage());
  }
}
