package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.BuildLog;
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
import io.github.ecrmaven.testing.BaseImageBuilder;
import io.github.ecrmaven.testing.Skopeo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * Pushes to another account in the China and GovCloud partitions: a local ECR plays that account,
 * region and partition with a key of its own, and the plugin reaches it through {@code <endpoint>} and
 * {@code <registryEndpoint>} with a full ECR reference, as a user of VPC endpoints without private DNS
 * does.
 */
class PartitionsTest {
  @TempDir static Path work;
  @TempDir static Path classes;
  @TempDir Path buildDirectory;

  @BeforeAll
  static void compile() throws Exception {
    PublisherTest.compileHello(classes, "partitions");
  }

  @Test
  void chinaAccountThroughOverrides() throws Exception {
    PublishResult result = publishTo("210987654321", "cn-north-1", "aws-cn", "AKIACHINAEXAMPLE0001");

    assertEquals("210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn/team/app", result.image());
  }

  @Test
  void govCloudAccountThroughOverrides() throws Exception {
    PublishResult result = publishTo("345678901234", "us-gov-west-1", "aws-us-gov", "AKIAGOVCLOUDEXAMPLE2");

    assertEquals("345678901234.dkr.ecr.us-gov-west-1.amazonaws.com/team/app", result.image());
  }

  /**
   * Starts a local ECR for the account, pushes a base image into it, and publishes
   * {@code <canonical host>/team/app} with a profile that contains the account's key.
   */
  private PublishResult publishTo(String accountId, String region, String partition, String keyId)
      throws Exception {
    String secret = "secret-of-" + accountId;
    try (LocalEcr ecr = LocalEcr.start(new LocalEcr.Options(work.resolve(region),
        SharedLocalEcr.CERTIFICATE_DIRECTORY.toAbsolutePath()).accountId(accountId).region(region)
        .partition(partition).accessKey(keyId, secret))) {
      ecr.createRepository("base/java17");
      BaseImageBuilder.pushTo(ecr.registryHost() + "/base/java17:17", "AWS", ecr.issueRegistryPassword(),
          work.resolve(region + "-base"));
      String profile = "partition-" + region;
      addProfile(profile, keyId, secret);
      String host = ecr.canonicalRegistryHost();
      PublishRequest request = new PublishRequest(
          TargetImage.resolve(host + "/team/app:1.0", null, List.of(), null, ecr.registryHost()),
          AwsSettings.of(null, ecr.apiEndpoint().toString(), profile),
          RepositoryCreation.CREATE,
          RepositorySettings.none(),
          false,
          RegistryAccess.anonymous(host + "/base/java17:17"),
          new ApplicationLayers(List.of(), List.of(), List.of(), classes),
          Optional.empty(),
          new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of()),
          buildDirectory);

      PublishResult result = new Publisher(BuildLog.silent()).publish(request);

      assertEquals(accountId, result.registryId());
      assertEquals(region, result.region());
      assertEquals(1, ecr.apiCallCount("CreateRepository"));
      assertEquals("arn:" + partition + ":iam::" + accountId + ":user/local-ecr-test", ecr.lastCallerArn().orElseThrow());
      try (EcrClient client = LocalEcrClients.client(ecr)) {
        Repository repository = client.describeRepositories(describe -> describe.repositoryNames("team/app"))
            .repositories().get(0);
        assertEquals("arn:" + partition + ":ecr:" + region + ":" + accountId + ":repository/team/app",
            repository.repositoryArn());
      }
      Skopeo.Inspection pushed = Skopeo.inspect(ecr.registryHost() + "/team/app:1.0", "AWS",
          ecr.issueRegistryPassword(), ecr.caCertDirectory());
      assertEquals(result.imageDigest(), pushed.manifestDigest());
      assertTrue(ecr.registryBytesSent() > 0, "the base image was read from the same registry");
      return result;
    }
  }

  private static void addProfile(String name, String keyId, String secret) throws Exception {
    Path credentials = Path.of(System.getenv("AWS_SHARED_CREDENTIALS_FILE"));
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, "\n[" + name + "]\naws_access_key_id = " + keyId + "\naws_secret_access_key = "
        + secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
