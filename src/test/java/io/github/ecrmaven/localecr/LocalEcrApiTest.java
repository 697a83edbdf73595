package io.github.ecrmaven.localecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** The local ECR API, called through the real AWS SDK {@link EcrClient}. */
class LocalEcrApiTest {

  private static LocalEcr ecr;
  private static EcrClient client;

  @BeforeAll
  static void startClient() {
    ecr = SharedLocalEcr.get();
    client = LocalEcrClients.client(ecr);
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @Test
  void createRepositoryReturnsEcrFields() {
    Repository created =
        client.createRepository(request -> request.repositoryName("api/create")).repository();

    assertEquals("api/create", created.repositoryName());
    assertEquals("arn:aws:ecr:eu-west-1:123456789012:repository/api/create",
        created.repositoryArn());
    assertEquals("123456789012", created.registryId());
    assertEquals(ecr.registryHost() + "/api/create", created.repositoryUri());
    assertEquals(ImageTagMutability.MUTABLE, created.imageTagMutability());
    assertFalse(created.imageScanningConfiguration().scanOnPush());
    assertEquals("AES256", created.encryptionConfiguration().encryptionTypeAsString());
    assertTrue(created.createdAt() != null);
  }

  @Test
  void describeRepositoriesFindsCreatedRepository() {
    client.createRepository(request -> request.repositoryName("api/describe"));

    Repository described =
        client.describeRepositories(request -> request.repositoryNames("api/describe"))
            .repositories().get(0);
    boolean listed =
        client.describeRepositories(request -> {}).repositories().stream()
            .anyMatch(repository -> repository.repositoryName().equals("api/describe"));

    assertEquals("api/describe", described.repositoryName());
    assertTrue(listed, "DescribeRepositories without names lists every repository");
  }

  @Test
  void createRepositoryTwiceFails() {
    client.createRepository(request -> request.repositoryName("api/twice"));

    assertThrows(RepositoryAlreadyExistsException.class,
        () -> client.createRepository(request -> request.repositoryName("api/twice")));
  }

  @Test
  void createRepositoryRejectsInvalidName() {
    InvalidParameterException error = assertThrows(InvalidParameterException.class,
        () -> client.createRepository(request -> request.repositoryName("Api/Upper")));

    assertTrue(error.awsErrorDetails().errorMessage().contains("must satisfy regular expression"),
        error.getMessage());
  }

  @Test
  void describeMissingRepositoryFails() {
    RepositoryNotFoundException error = assertThrows(RepositoryNotFoundException.class,
        () -> client.describeRepositories(request -> request.repositoryNames("api/missing")));

    assertEquals(
        "The repository with name 'api/missing' does not exist in the registry with id "
            + "'123456789012'",
        error.awsErrorDetails().errorMessage());
  }

  @Test
  void otherRegistryIdIsDenied() {
    EcrException error = assertThrows(EcrException.class,
        () -> client.describeRepositories(request -> request.registryId("210987654321")));

    assertEquals("AccessDeniedException", error.awsErrorDetails().errorCode());
  }

  @Test
  void wrongSecretIsRejected() {
    try (EcrClient wrongSecret = LocalEcrClients.client(ecr.apiEndpoint(), Region.EU_WEST_1,
        ecr.accessKeyId(), "wrong" + ecr.secretAccessKey())) {
      EcrException error = assertThrows(EcrException.class,
          () -> wrongSecret.describeRepositories(request -> {}));

      assertEquals(403, error.statusCode());
      assertEquals("InvalidSignatureException", error.awsErrorDetails().errorCode());
    }
  }

  @Test
  void wrongRegionIsRejected() {
    try (EcrClient wrongRegion = LocalEcrClients.client(ecr.apiEndpoint(), Region.US_EAST_1,
        ecr.accessKeyId(), ecr.secretAccessKey())) {
      EcrException error = assertThrows(EcrException.class,
          () -> wrongRegion.describeRepositories(request -> {}));

      assertEquals(403, error.statusCode());
      assertEquals("InvalidSignatureException", error.awsErrorDetails().errorCode());
      assertTrue(error.awsErrorDetails().errorMessage().contains("'eu-west-1'"),
          error.getMessage());
    }
  }

  @Test
  void unknownAccessKeyIsRejected() {
    try (EcrClient unknownKey = LocalEcrClients.client(ecr.apiEndpoint(), Region.EU_WEST_1,
        "AKIAI44QH8DHBEXAMPLE", ecr.secretAccessKey())) {
      EcrException error = assertThrows(EcrException.class,
          () -> unknownKey.describeRepositories(request -> {}));

      assertEquals(403, error.statusCode());
      assertEquals("UnrecognizedClientException", error.awsErrorDetails().errorCode());
    }
  }

  @Test
  void authorizationTokenDecodesToAwsPassword() {
    AuthorizationData data =
        client.getAuthorizationToken(request -> {}).authorizationData().get(0);
    String decoded =
        new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);

    assertTrue(decoded.startsWith("AWS:"), decoded);
    assertTrue(decoded.length() > "AWS:".length() + 20, "password is long and random");
    assertEquals("https://" + ecr.registryHost(), data.proxyEndpoint());
    assertTrue(data.expiresAt().isAfter(java.time.Instant.now().plusSeconds(11 * 3600)));
  }

  @Test
  void callsAreCountedPerOperation() {
    long before = ecr.apiCallCount("DescribeRepositories");

    client.describeRepositories(request -> {});
    assertThrows(RepositoryNotFoundException.class,
        () -> client.describeRepositories(request -> request.repositoryNames("api/uncounted")));

    assertEquals(before + 2, ecr.apiCallCount("DescribeRepositories"));
  }
}
