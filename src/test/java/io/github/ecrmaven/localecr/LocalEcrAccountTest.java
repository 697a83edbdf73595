package io.github.ecrmaven.localecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/**
 * A local ECR that plays another account, region and partition than the default, with its own
 * IAM user key, next to the shared one.
 */
class LocalEcrAccountTest {
  private static final String GOV_KEY_ID = "AKIAGOVCLOUDEXAMPLE1";
  private static final String GOV_SECRET = "govcloud-secret-for-tests-only";

  @TempDir static Path work;
  private static LocalEcr gov;

  @BeforeAll
  static void start() throws Exception {
    gov = LocalEcr.start(new LocalEcr.Options(work, SharedLocalEcr.CERTIFICATE_DIRECTORY.toAbsolutePath())
        .accountId("345678901234").region("us-gov-west-1").accessKey(GOV_KEY_ID, GOV_SECRET));
  }

  @AfterAll
  static void stop() {
    gov.close();
  }

  private static EcrClient client(Region region, String keyId, String secret) {
    return LocalEcrClients.client(gov.apiEndpoint(), region, keyId, secret);
  }

  @Test
  void optionsChooseAccountAndPartition() {
    assertEquals("345678901234", gov.accountId());
    assertEquals("us-gov-west-1", gov.region());
    assertEquals("aws-us-gov", gov.partition());
    assertEquals("arn:aws-us-gov:iam::345678901234:user/local-ecr-test", gov.userArn());
    assertEquals("345678901234.dkr.ecr.us-gov-west-1.amazonaws.com", gov.canonicalRegistryHost());
  }

  @Test
  void arnsAndRegistryIdFollowAccount() {
    try (EcrClient client = client(Region.US_GOV_WEST_1, GOV_KEY_ID, GOV_SECRET)) {
      Repository created = client.createRepository(request -> request.repositoryName("gov/app")
          .encryptionConfiguration(encryption -> encryption.encryptionType(EncryptionType.KMS))).repository();

      assertEquals("arn:aws-us-gov:ecr:us-gov-west-1:345678901234:repository/gov/app", created.repositoryArn());
      assertEquals("345678901234", created.registryId());
      assertTrue(created.encryptionConfiguration().kmsKey()
          .startsWith("arn:aws-us-gov:kms:us-gov-west-1:345678901234:key/"), created.encryptionConfiguration().kmsKey());
      assertTrue(client.listTagsForResource(request -> request.resourceArn(created.repositoryArn())).tags()
          .isEmpty());
    }
  }

  @Test
  void defaultAccountKeyIsRejected() {
    try (EcrClient client = client(Region.US_GOV_WEST_1, LocalEcr.ACCESS_KEY_ID, LocalEcr.SECRET_ACCESS_KEY)) {
      EcrException e = assertThrows(EcrException.class, () -> client.describeRepositories(request -> {}));

      assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
    }
  }

  @Test
  void otherRegionIsRejected() {
    try (EcrClient client = client(Region.US_GOV_EAST_1, GOV_KEY_ID, GOV_SECRET)) {
      EcrException e = assertThrows(EcrException.class, () -> client.describeRepositories(request -> {}));

      assertTrue(e.getMessage().contains("us-gov-west-1"), e.getMessage());
    }
  }

  @Test
  void defaultAccountIsAnotherRegistry() {
    try (EcrClient client = client(Region.US_GOV_WEST_1, GOV_KEY_ID, GOV_SECRET)) {
      EcrException e = assertThrows(EcrException.class, () -> client.describeRepositories(
          request -> request.registryId(LocalEcr.ACCOUNT_ID)));

      assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
      assertTrue(e.getMessage().contains("arn:aws-us-gov:iam::345678901234:user/local-ecr-test"), e.getMessage());
    }
  }

  @Test
  void assumedRoleArnNamesPartition() {
    String roleArn = "arn:aws-us-gov:iam::345678901234:role/gov-publisher";
    gov.registerRole(roleArn, Optional.empty());
    try (StsClient sts = LocalEcrClients.stsClient(gov.stsEndpoint(), Region.US_GOV_WEST_1, GOV_KEY_ID,
        GOV_SECRET)) {
      AssumeRoleResponse response = sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName("build")
          .durationSeconds((int) Duration.ofMinutes(15).toSeconds()));

      assertEquals("arn:aws-us-gov:sts::345678901234:assumed-role/gov-publisher/build",
          response.assumedRoleUser().arn());
      try (EcrClient client = LocalEcrClients.client(gov.apiEndpoint(), Region.US_GOV_WEST_1,
          StaticCredentialsProvider.create(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
              response.credentials().accessKeyId(), response.credentials().secretAccessKey(),
              response.credentials().sessionToken())))) {
        client.describeRepositories(request -> {});
      }
      assertEquals("arn:aws-us-gov:sts::345678901234:assumed-role/gov-publisher/build",
          gov.lastCallerArn().orElseThrow());
    }
  }

  @Test
  void regionOutsidePartitionIsRejected() {
    LocalEcr.Options options = new LocalEcr.Options(work.resolve("bad"), work.resolve("certs"))
        .region("cn-north-1").partition("aws");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalEcr.start(options));

    assertEquals("Region cn-north-1 is not in partition aws but in aws-cn", e.getMessage());
  }

  @Test
  void sharedEcrRunsAlongside() {
    try (EcrClient client = LocalEcrClients.client(SharedLocalEcr.get().apiEndpoint(), Region.EU_WEST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalEcr.ACCESS_KEY_ID,
            LocalEcr.SECRET_ACCESS_KEY)))) {
      client.describeRepositories(request -> {});
    }
  }
}
