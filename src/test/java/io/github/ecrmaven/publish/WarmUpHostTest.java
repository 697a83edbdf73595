package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.tools.jib.api.ImageReference;
import io.github.ecrmaven.ecr.TargetImage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The warm-up request goes only to a registry that Jib contacts later in the same build. */
class WarmUpHostTest {
  private static final String TARGET_HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
  private static final String BASE = "210987654321.dkr.ecr.eu-west-1.amazonaws.com/base/java:17";

  @Test
  void targetRegistryEndpointComesFirst() throws Exception {
    TargetImage target = TargetImage.resolve(TARGET_HOST + "/team/app", null, List.of("1.0"), null, "127.0.0.1:5000");

    assertEquals(Optional.of(new Publisher.WarmUpHost("127.0.0.1:5000", "team/app")),
        Publisher.warmUpHost(target, ImageReference.parse(BASE), Optional.empty()));
  }

  @Test
  void fullTargetReferenceGivesItsHost() throws Exception {
    TargetImage target = TargetImage.resolve(TARGET_HOST + "/team/app", null, List.of("1.0"));

    assertEquals(Optional.of(new Publisher.WarmUpHost(TARGET_HOST, "team/app")),
        Publisher.warmUpHost(target, ImageReference.parse(BASE), Optional.of("127.0.0.1:6000")));
  }

  @Test
  void repositoryNameAloneGivesTheBaseImageHost() throws Exception {
    TargetImage target = TargetImage.resolve(null, "team/app", List.of("1.0"));

    assertEquals(Optional.of(new Publisher.WarmUpHost("210987654321.dkr.ecr.eu-west-1.amazonaws.com", "base/java")),
        Publisher.warmUpHost(target, ImageReference.parse(BASE), Optional.empty()));
    assertEquals(Optional.of(new Publisher.WarmUpHost("registry-1.docker.io", "library/eclipse-temurin")),
        Publisher.warmUpHost(target, ImageReference.parse("eclipse-temurin:17-jre"), Optional.empty()));
  }

  @Test
  void baseElsewhereOrScratch() throws Exception {
    TargetImage target = TargetImage.resolve(null, "team/app", List.of("1.0"));

    assertEquals(Optional.empty(),
        Publisher.warmUpHost(target, ImageReference.parse(BASE), Optional.of("127.0.0.1:6000")));
    assertEquals(Optional.empty(), Publisher.warmUpHost(target, ImageReference.scratch(), Optional.empty()));
  }
}
