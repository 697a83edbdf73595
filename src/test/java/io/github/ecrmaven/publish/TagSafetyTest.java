package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.RepositoryCreation;
import io.github.ecrmaven.ecr.RepositorySettings;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.image.ApplicationLayers;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.RegistryAccess;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.LocalEcrClients;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import io.github.ecrmaven.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Pushes to repositories of each tag mutability in the local ECR, whose registry rejects moving an
 * immutable tag as ECR does, and checks where every tag points afterwards.
 */
class TagSafetyTest {
  private static LocalEcr ecr;
  private static EcrClient client;
  private static String baseImage;
  @TempDir Path buildDirectory;
  @TempDir Path classes;

  @BeforeAll
  static void startLocalEcr() throws Exception {
    ecr = SharedLocalEcr.get();
    client = LocalEcrClients.client(ecr);
    baseImage = SharedLocalEcr.baseImage();
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  private PublishRequest request(String repository, String mutability, List<String> exclusionFilters,
      List<String> tags, Optional<java.time.Instant> creationTime) throws ConfigurationException {
    RepositorySettings settings =
        RepositorySettings.of(mutability, exclusionFilters, null, null, null, Map.of(), null, null, Path.of("."));
    return new PublishRequest(
        TargetImage.resolve(null, repository, tags),
        AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null),
        RepositoryCreation.CREATE,
        settings,
        false,
        RegistryAccess.anonymous(baseImage),
        new ApplicationLayers(List.of(), List.of(), List.of(), classes),
        Optional.empty(),
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of(), creationTime,
            List.of(), Optional.empty(), Optional.empty(), List.of(), ImageFormat.Docker),
        buildDirectory);
  }

  private PublishRequest request(String repository, String mutability, List<String> tags)
      throws ConfigurationException {
    return request(repository, mutability, List.of(), tags, Optional.of(java.time.Instant.EPOCH));
  }

  private static String newRepository() {
    return "tag-safety/app-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private PublishResult publish(PublishRequest request, BuildLog log, String greeting) throws Exception {
    PublisherTest.compileHello(classes, greeting);
    return new Publisher(log).publish(request);
  }

  private static Optional<String> digestOf(String repository, String tag) {
    return LocalEcrClients.tagDigest(client, repository, tag);
  }

  @Test
  void identicalRepushToImmutableTagPushesNothing() throws Exception {
    String repository = newRepository();
    PublishResult first = publish(request(repository, "IMMUTABLE", List.of("1.0")), BuildLog.silent(), "same");
    RecordingLog log = new RecordingLog();
    long bytesBefore = ecr.registryBytesReceived();

    PublishResult second = publish(request(repository, "IMMUTABLE", List.of("1.0")), log, "same");

    assertEquals(first.imageDigest(), second.imageDigest());
    assertEquals(first.imageId(), second.imageId());
    assertEquals(bytesBefore, ecr.registryBytesReceived(), "bytes the registry received on the second push");
    assertTrue(log.infos().stream().anyMatch(info -> info.contains("Tag 1.0 already points at " + first.imageDigest())),
        log.infos().toString());
    assertTrue(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)));
  }

  @Test
  void identicalRepushAddsOnlyNewTag() throws Exception {
    String repository = newRepository();
    PublishResult first = publish(request(repository, "IMMUTABLE", List.of("1.0")), BuildLog.silent(), "same");

    PublishResult second = publish(request(repository, "IMMUTABLE", List.of("1.0", "release-7")), BuildLog.silent(),
        "same");

    assertEquals(first.imageDigest(), second.imageDigest());
    assertEquals(Optional.of(first.imageDigest()), digestOf(repository, "release-7"));
  }

  @Test
  void immutableTagOnOtherImageStopsPush() throws Exception {
    String repository = newRepository();
    PublishResult first = publish(request(repository, "IMMUTABLE", List.of("1.0")), BuildLog.silent(), "first");
    Files.delete(buildDirectory.resolve(PushReport.JSON_FILE));

    PublishException e = assertThrows(PublishException.class,
        () -> publish(request(repository, "IMMUTABLE", List.of("fresh", "1.0")), BuildLog.silent(), "changed"));

    assertTrue(e.getMessage().contains("Tag 1.0 of repository " + repository + " is immutable and points at "
        + first.imageDigest() + ", but this image is sha256:"), e.getMessage());
    assertTrue(e.getMessage().contains("No tag was written"), e.getMessage());
    assertEquals(Optional.of(first.imageDigest()), digestOf(repository, "1.0"));
    assertEquals(Optional.empty(), digestOf(repository, "fresh"));
    assertFalse(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)), "push report after a failed push");
  }

  @Test
  void currentCreationTimeConflictsWithImmutableTag() throws Exception {
    String repository = newRepository();
    publish(request(repository, "IMMUTABLE", List.of("1.0")), BuildLog.silent(), "first");

    PublishException e = assertThrows(PublishException.class, () -> publish(
        request(repository, "IMMUTABLE", List.of(), List.of("1.0"), Optional.empty()), BuildLog.silent(), "first"));

    assertTrue(e.getMessage().contains("creation time is the current time"), e.getMessage());
  }

  @Test
  void mutableTagMovesAndLogsPreviousDigest() throws Exception {
    String repository = newRepository();
    PublishResult first = publish(request(repository, "MUTABLE", List.of("1", "stable")), BuildLog.silent(), "one");
    RecordingLog log = new RecordingLog();

    PublishResult second = publish(request(repository, "MUTABLE", List.of("2", "stable")), log, "two");

    assertNotEquals(first.imageDigest(), second.imageDigest());
    assertEquals(Optional.of(second.imageDigest()), digestOf(repository, "stable"));
    assertEquals(Optional.of(first.imageDigest()), digestOf(repository, "1"));
    assertTrue(log.infos().contains("Moved tag stable of repository " + repository + " from " + first.imageDigest()
        + " to " + second.imageDigest()), log.infos().toString());
  }

  @Test
  void exclusionFilterLetsTagMove() throws Exception {
    String repository = newRepository();
    List<String> filters = List.of("latest");
    Optional<java.time.Instant> epoch = Optional.of(java.time.Instant.EPOCH);
    publish(request(repository, "IMMUTABLE_WITH_EXCLUSION", filters, List.of("1.0", "latest"), epoch),
        BuildLog.silent(), "one");

    PublishResult second = publish(
        request(repository, "IMMUTABLE_WITH_EXCLUSION", filters, List.of("1.1", "latest"), epoch),
        BuildLog.silent(), "two");

    assertEquals(Optional.of(second.imageDigest()), digestOf(repository, "latest"));
  }

  @Test
  void mutableWithExclusionProtectsMatchingTag() throws Exception {
    String repository = newRepository();
    List<String> filters = List.of("release-*");
    Optional<java.time.Instant> epoch = Optional.of(java.time.Instant.EPOCH);
    PublishResult first = publish(
        request(repository, "MUTABLE_WITH_EXCLUSION", filters, List.of("release-1"), epoch), BuildLog.silent(), "one");

    PublishException e = assertThrows(PublishException.class, () -> publish(
        request(repository, "MUTABLE_WITH_EXCLUSION", filters, List.of("release-1"), epoch), BuildLog.silent(),
        "two"));

    assertTrue(e.getMessage().contains("Tag release-1 of repository " + repository + " is immutable"), e.getMessage());
    assertEquals(Optional.of(first.imageDigest()), digestOf(repository, "release-1"));
  }

  @Test
  void floatingTagOnImmutableRepositoryWarns() throws Exception {
    RecordingLog log = new RecordingLog();

    publish(request(newRepository(), "IMMUTABLE", List.of("1.0-SNAPSHOT", "latest")), log, "hi");

    assertEquals(2, log.warnings().stream().filter(warning -> warning.contains("only its first push can succeed"))
        .count(), log.warnings().toString());
  }

  @Test
  void tagTakenDuringPushNamesRace() throws Exception {
    String repository = newRepository();
    PublishResult first = publish(request(repository, "IMMUTABLE", List.of("1.0")), BuildLog.silent(), "first");
    Files.delete(buildDirectory.resolve(PushReport.JSON_FILE));
    ecr.staleManifestReads(repository, true);
    try {
      PublishException e = assertThrows(PublishException.class,
          () -> publish(request(repository, "IMMUTABLE", List.of("1.0")), BuildLog.silent(), "racing"));

      assertTrue(e.getMessage().contains("another build pushes the tag between this build's tag check and its push"), e.getMessage());
    } finally {
      ecr.staleManifestReads(repository, false);
    }
    assertEquals(Optional.of(first.imageDigest()), digestOf(repository, "1.0"));
    assertFalse(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)), "push report after a failed push");
  }
}
