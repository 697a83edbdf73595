package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.github.ecrmaven.testing.MultiPlatformBaseImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/**
 * Builds for two platforms from a two-platform base image index in the local ECR, and checks that
 * only the pushed index carries the tags.
 */
class MultiPlatformTest {
  private static final List<String> PLATFORMS = List.of("linux/amd64", "linux/arm64");
  private static LocalEcr ecr;
  private static EcrClient client;
  private static String baseIndex;
  @TempDir static Path classes;
  @TempDir Path buildDirectory;

  @BeforeAll
  static void createBaseIndex() throws Exception {
    ecr = SharedLocalEcr.get();
    client = LocalEcrClients.client(ecr);
    SharedLocalEcr.baseImage();
    baseIndex = MultiPlatformBaseImage.create(ecr, "base/java17", "17", "17-multi");
    PublisherTest.compileHello(classes, "multi");
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  private ContainerSettings settings(List<String> platforms) throws ConfigurationException {
    return new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of(),
        Optional.of(Instant.EPOCH), List.of(), Optional.empty(), Optional.empty(), List.of(), ImageFormat.Docker)
        .withPlatforms(platforms);
  }

  private PublishRequest request(String repository, List<String> tags) throws Exception {
    return new PublishRequest(TargetImage.resolve(null, repository, tags),
        AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null), RepositoryCreation.CREATE,
        RepositorySettings.none(), false, RegistryAccess.anonymous(baseIndex),
        new ApplicationLayers(List.of(), List.of(), List.of(), classes), Optional.empty(), settings(PLATFORMS),
        buildDirectory);
  }

  @Test
  void twoPlatformsPushTaggedIndex() throws Exception {
    String repository = "multi/app-" + UUID.randomUUID().toString().substring(0, 8);

    PublishResult result = new Publisher(BuildLog.silent()).publish(request(repository, List.of("1.0", "stable")));

    assertEquals("application/vnd.docker.distribution.manifest.list.v2+json", result.manifestMediaType());
    List<ImageDetail> images = client.describeImages(request -> request.repositoryName(repository)).imageDetails();
    assertEquals(3, images.size(), images.toString());
    for (ImageDetail image : images) {
      boolean index = image.imageDigest().equals(result.imageDigest());
      assertEquals(index ? List.of("1.0", "stable") : List.of(), image.imageTags().stream().sorted().toList(),
          "tags of " + image.imageDigest());
    }
  }

  @Test
  void tarballRejectsTwoPlatforms() throws Exception {
    BuildRequest request = new BuildRequest(TargetImage.resolve(null, "multi/tarball", List.of("1.0")),
        AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null), RegistryAccess.anonymous(baseIndex),
        new ApplicationLayers(List.of(), List.of(), List.of(), classes), Optional.empty(), settings(PLATFORMS),
        buildDirectory);

    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new TarballBuild(BuildLog.silent()).build(request));

    assertTrue(e.getMessage().contains("-Decr.from.platforms=linux/amd64"), e.getMessage());
  }

  @Test
  void platformVariantIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> settings(List.of("linux/arm/v7")));

    assertTrue(e.getMessage().contains("remove the variant"), e.getMessage());
  }

  @Test
  void duplicatePlatformIsRejected() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> settings(List.of("linux/amd64", "linux/amd64")));

    assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
  }
}
