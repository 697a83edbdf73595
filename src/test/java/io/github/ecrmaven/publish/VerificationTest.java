package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.RepositoryName;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Verifies images that Jib pushed to the local ECR, as {@code ecr:verify} does. */
class VerificationTest {
  private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  private static LocalEcr ecr;
  private static String repository;
  private static String digest;

  @BeforeAll
  static void pushImage() throws Exception {
    ecr = SharedLocalEcr.get();
    repository = "verification/app-" + UUID.randomUUID().toString().substring(0, 8);
    ecr.createRepository(repository);
    digest = Jib.fromScratch().addLabel("purpose", "verification")
        .containerize(Containerizer.to(RegistryImage.named(ecr.registryHost() + "/" + repository + ":1.0")
            .addCredential("AWS", ecr.issueRegistryPassword())))
        .getDigest().toString();
  }

  private static VerifyRequest request(String checkedDigest, String tag, Optional<String> mediaType) throws Exception {
    return new VerifyRequest(new RepositoryName(repository), Optional.empty(), Optional.empty(), checkedDigest,
        List.of(new ImageTag(tag)), mediaType, AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null));
  }

  @Test
  void verifyAcceptsPushedImage() throws Exception {
    assertEquals(digest,
        new Verification(BuildLog.silent()).verify(request(digest, "1.0", Optional.of(DOCKER_MANIFEST))).digest());
  }

  @Test
  void verifyRejectsOtherMediaType() {
    PublishException e = assertThrows(PublishException.class, () -> new Verification(BuildLog.silent())
        .verify(request(digest, "1.0", Optional.of("application/vnd.oci.image.manifest.v1+json"))));
    assertTrue(e.getMessage().contains("expected application/vnd.oci.image.manifest.v1+json"), e.getMessage());
  }

  @Test
  void verifyRejectsMissingTag() {
    PublishException e = assertThrows(PublishException.class,
        () -> new Verification(BuildLog.silent()).verify(request(digest, "2.0", Optional.empty())));
    assertTrue(e.getMessage().contains("tag 2.0 points at no image, expected " + digest), e.getMessage());
  }
}
