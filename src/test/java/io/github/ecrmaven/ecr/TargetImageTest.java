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
}
