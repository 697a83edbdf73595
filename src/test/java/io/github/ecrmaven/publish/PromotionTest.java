package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.RepositoryName;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.LocalEcrClients;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import io.github.ecrmaven.testing.ScratchImages;
import io.github.ecrmaven.testing.RecordingLog;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/** Adds tags to images in the local ECR through PutImage, as ecr:tag does. */
class PromotionTest {
  private static LocalEcr ecr;
  private static EcrClient client;

  @BeforeAll
  static void startLocalEcr() {
    ecr = SharedLocalEcr.get();
    client = LocalEcrClients.client(ecr);
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  private static String newRepository(ImageTagMutability mutability) {
    String name = "promotion/app-" + UUID.randomUUID().toString().substring(0, 8);
    client.createRepository(request -> request.repositoryName(name).imageTagMutability(mutability));
    return name;
  }

  private static String pushImage(String repository, String tag, String label) throws Exception {
    return ScratchImages.push(ecr, repository, tag, label);
  }

  private static PromotionRequest request(String repository, String source, String... tags)
      throws io.github.ecrmaven.ConfigurationException {
    return new PromotionRequest(new RepositoryName(repository), Optional.empty(), Optional.empty(), source,
        java.util.Arrays.stream(tags).map(ImageTag::new).toList(),
        AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null));
  }

  private static Optional<String> digestOf(String repository, String tag) {
    return LocalEcrClients.tagDigest(client, repository, tag);
  }

  @Test
  void tagBySourceTagAddsTagsWithoutUpload() throws Exception {
    String repository = newRepository(ImageTagMutability.IMMUTABLE);
    String digest = pushImage(repository, "1.0", "one");
    long bytesBefore = ecr.registryBytesReceived();

    new Promotion(BuildLog.silent()).promote(request(repository, "1.0", "staging", "prod"));

    assertEquals(Optional.of(digest), digestOf(repository, "staging"));
    assertEquals(Optional.of(digest), digestOf(repository, "prod"));
    assertEquals(bytesBefore, ecr.registryBytesReceived(), "bytes the registry received");
  }

  @Test
  void tagByDigestMovesMutableTag() throws Exception {
    String repository = newRepository(ImageTagMutability.MUTABLE);
    String first = pushImage(repository, "staging", "one");
    String second = pushImage(repository, "2.0", "two");
    RecordingLog log = new RecordingLog();

    new Promotion(log).promote(request(repository, second, "staging"));

    assertEquals(Optional.of(second), digestOf(repository, "staging"));
    assertTrue(log.infos().contains("Moved tag staging of repository " + repository + " from " + first + " to "
        + second), log.infos().toString());
  }

  @Test
  void immutableConflictWritesNoTag() throws Exception {
    String repository = newRepository(ImageTagMutability.IMMUTABLE);
    String old = pushImage(repository, "prod", "one");
    String candidate = pushImage(repository, "2.0", "two");

    PublishException e = assertThrows(PublishException.class,
        () -> new Promotion(BuildLog.silent()).promote(request(repository, "2.0", "staging", "prod")));

    assertTrue(e.getMessage().contains("Tag prod of repository " + repository + " is immutable and points at " + old
        + ", but this image is " + candidate), e.getMessage());
    assertEquals(Optional.of(old), digestOf(repository, "prod"));
    assertEquals(Optional.empty(), digestOf(repository, "staging"));
  }

  @Test
  void tagAlreadyOnImageSucceeds() throws Exception {
    String repository = newRepository(ImageTagMutability.IMMUTABLE);
    String digest = pushImage(repository, "prod", "one");
    RecordingLog log = new RecordingLog();

    new Promotion(log).promote(request(repository, digest, "prod"));

    assertTrue(log.infos().contains("Tag prod already points at " + digest + ": nothing to push for it"),
        log.infos().toString());
  }

  @Test
  void missingSourceNamesParameter() throws Exception {
    String repository = newRepository(ImageTagMutability.MUTABLE);

    PublishException e = assertThrows(PublishException.class,
        () -> new Promotion(BuildLog.silent()).promote(request(repository, "9.9", "prod")));

    assertTrue(e.getMessage().startsWith("Image 9.9 not found in repository " + repository), e.getMessage());
    assertTrue(e.getMessage().contains("<tag><source> (ecr.tag.source)"), e.getMessage());
  }

  @Test
  void missingRepositoryNamesFix() throws Exception {
    PublishException e = assertThrows(PublishException.class,
        () -> new Promotion(BuildLog.silent()).promote(request("promotion/missing", "1.0", "prod")));

    assertTrue(e.getMessage().startsWith("Repository promotion/missing not found"), e.getMessage());
  }

  @Test
  void sourceTagAmongNewTagsUsesOneLookup() throws Exception {
    String repository = newRepository(ImageTagMutability.IMMUTABLE);
    String digest = pushImage(repository, "1.0", "one");
    long lookups = ecr.apiCallCount("BatchGetImage");

    new Promotion(BuildLog.silent()).promote(request(repository, "1.0", "1.0", "prod"));

    assertEquals(lookups + 1, ecr.apiCallCount("BatchGetImage"));
    assertEquals(Optional.of(digest), digestOf(repository, "prod"));
  }
}
