package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.LocalEcrClients;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import io.github.ecrmaven.testing.ScratchImages;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Verifies images that Jib pushed to the local ECR, whose DescribeImages reads the real registry. */
class ImageVerifierTest {
  private static LocalEcr ecr;
  private static EcrClient client;

  @BeforeAll
  static void startLocalEcr() {
    ecr = SharedLocalEcr.get();
    client = LocalEcrClients.client(ecr);
  }

  private static String pushImage(String repository, String tag, String label) throws Exception {
    return ScratchImages.push(ecr, repository, tag, label);
  }

  private static EnsuredRepository createRepository() {
    String name = "verifier/app-" + UUID.randomUUID().toString().substring(0, 8);
    ecr.createRepository(name);
    return new EnsuredRepository(new RepositoryName(name), LocalEcr.ACCOUNT_ID, ecr.registryHost() + "/" + name, true);
  }

  @Test
  void verifyListsDigestAndTags() throws Exception {
    EnsuredRepository repository = createRepository();
    String digest = pushImage(repository.name().value(), "1.0", "a");

    VerifiedImage image = new ImageVerifier(client, BuildLog.silent())
        .verify(repository, digest, List.of(new ImageTag("1.0")));

    assertEquals(digest, image.digest());
    assertTrue(image.tags().contains("1.0"), image.tags().toString());
  }

  @Test
  void verifyShowsBothDigestsForMovedTag() throws Exception {
    EnsuredRepository repository = createRepository();
    String first = pushImage(repository.name().value(), "stable", "first");
    String second = pushImage(repository.name().value(), "stable", "second");

    EcrAccessException e = assertThrows(EcrAccessException.class,
        () -> new ImageVerifier(client, BuildLog.silent(), Duration.ofMillis(600))
            .verify(repository, first, List.of(new ImageTag("stable"))));

    assertTrue(e.getMessage().contains("tag stable points at " + second), e.getMessage());
    assertTrue(e.getMessage().contains("expected " + first), e.getMessage());
  }

  @Test
  void verifyFailsForUnknownDigest() throws Exception {
    EnsuredRepository repository = createRepository();
    String missing = "sha256:" + "0".repeat(64);

    EcrAccessException e = assertThrows(EcrAccessException.class,
        () -> new ImageVerifier(client, BuildLog.silent(), Duration.ofMillis(600))
            .verify(repository, missing, List.of(new ImageTag("1"))));

    assertTrue(e.getMessage().contains("does not list the image " + missing), e.getMessage());
  }
}
