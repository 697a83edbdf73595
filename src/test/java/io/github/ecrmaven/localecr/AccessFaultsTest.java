package io.github.ecrmaven.localecr;

import static io.github.ecrmaven.localecr.RepositorySettingsTest.LIFECYCLE_POLICY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.KmsException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RCTAppliedFor;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** Test-controlled permission and KMS faults, through the real SDK and real Jib. */
class AccessFaultsTest {

  private static LocalEcr ecr;
  private static EcrClient client;

  @TempDir Path temp;

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
  void deniedCreateRepositoryHasAwsMessage() {
    ecr.denyAction("CreateRepository", "faults/denied-*");

    EcrException error = assertThrows(EcrException.class, () -> client.createRepository(
        request -> request.repositoryName("faults/denied-app")));
    client.createRepository(request -> request.repositoryName("faults/allowed-app"));

    assertEquals("AccessDeniedException", error.awsErrorDetails().errorCode());
    assertEquals(400, error.statusCode());
    assertEquals("User: arn:aws:iam::123456789012:user/local-ecr-test is not authorized to "
            + "perform: ecr:CreateRepository on resource: "
            + "arn:aws:ecr:eu-west-1:123456789012:repository/faults/denied-app because no "
            + "identity-based policy allows the ecr:CreateRepository action",
        error.awsErrorDetails().errorMessage());
  }

  @Test
  void deniedActionAffectsOnlyThatAction() {
    client.createRepository(request -> request.repositoryName("faults/locked-policy"));
    ecr.denyAction("ecr:PutLifecyclePolicy", "faults/locked-policy");

    EcrException error = assertThrows(EcrException.class, () -> client.putLifecyclePolicy(
        request -> request.repositoryName("faults/locked-policy")
            .lifecyclePolicyText(LIFECYCLE_POLICY)));

    assertTrue(error.awsErrorDetails().errorMessage().contains(
        "not authorized to perform: ecr:PutLifecyclePolicy"), error.getMessage());
    assertThrows(LifecyclePolicyNotFoundException.class, () -> client.getLifecyclePolicy(
        request -> request.repositoryName("faults/locked-policy")));
  }

  @Test
  void unusableKmsKeyFailsWithKmsException() {
    String keyArn = "arn:aws:kms:eu-west-1:123456789012:key/9d3f2b1a-0c4e-4b8a-9f6d-5e7c8a9b0c1d";
    ecr.unusableKmsKey(keyArn);

    KmsException byArn = assertThrows(KmsException.class, () -> client.createRepository(
        request -> request.repositoryName("faults/kms-arn").encryptionConfiguration(
            encryption -> encryption.encryptionType(EncryptionType.KMS).kmsKey(keyArn))));
    KmsException byId = assertThrows(KmsException.class, () -> client.createRepository(
        request -> request.repositoryName("faults/kms-id").encryptionConfiguration(
            encryption -> encryption.encryptionType(EncryptionType.KMS_DSSE)
                .kmsKey("9d3f2b1a-0c4e-4b8a-9f6d-5e7c8a9b0c1d"))));

    assertEquals("AccessDeniedException", byArn.kmsError());
    assertTrue(byArn.awsErrorDetails().errorMessage().contains("kms:CreateGrant on resource: "
        + keyArn), byArn.getMessage());
    assertEquals("AccessDeniedException", byId.kmsError());
    assertThrows(RepositoryNotFoundException.class, () -> client.describeRepositories(
        request -> request.repositoryNames("faults/kms-arn")));
  }

  @Test
  void otherAccountRegistryIsDenied() {
    ecr.otherAccountRegistry("210987654321");
    String otherArn = "arn:aws:ecr:eu-west-1:210987654321:repository/faults/shared";

    EcrException describe = assertThrows(EcrException.class, () -> client.describeRepositories(
        request -> request.registryId("210987654321").repositoryNames("faults/shared")));
    EcrException tags = assertThrows(EcrException.class, () -> client.listTagsForResource(
        request -> request.resourceArn(otherArn)));
    EcrException create = assertThrows(EcrException.class, () -> client.createRepository(
        request -> request.registryId("210987654321").repositoryName("faults/shared")));

    assertEquals("User: arn:aws:iam::123456789012:user/local-ecr-test is not authorized to "
            + "perform: ecr:DescribeRepositories on resource: " + otherArn + " because no "
            + "resource-based policy allows the ecr:DescribeRepositories action",
        describe.awsErrorDetails().errorMessage());
    assertEquals("AccessDeniedException", tags.awsErrorDetails().errorCode());
    assertTrue(tags.awsErrorDetails().errorMessage().contains(otherArn), tags.getMessage());
    assertTrue(create.awsErrorDetails().errorMessage().contains(
        "ecr:CreateRepository on resource: " + otherArn), create.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ecr.otherAccountRegistry("12345"));
  }

  @Test
  void deniedCreateRepositoryStopsCreateOnPush() throws Exception {
    client.createRepositoryCreationTemplate(request -> request.prefix("faults-push")
        .appliedFor(RCTAppliedFor.CREATE_ON_PUSH));
    ecr.denyAction("CreateRepository", "faults-push/denied");

    // Jib reports the front's 403 DENIED as unauthorized.
    assertThrows(RegistryUnauthorizedException.class,
        () -> JibPushes.push(ecr, "faults-push/denied:1", "content", temp));
    JibPushes.push(ecr, "faults-push/allowed:1", "content", temp);

    assertThrows(RepositoryNotFoundException.class, () -> client.describeRepositories(
        request -> request.repositoryNames("faults-push/denied")));
    assertEquals(1, client.describeRepositories(request -> request
        .repositoryNames("faults-push/allowed")).repositories().size());
  }

  @Test
  void deniedPutImageStopsPush() throws Exception {
    client.createRepository(request -> request.repositoryName("faults/no-put-image"));
    ecr.denyAction("PutImage", "faults/no-put-image");

    assertThrows(RegistryUnauthorizedException.class,
        () -> JibPushes.push(ecr, "faults/no-put-image:1", "content", temp));

    assertEquals(0, client.describeImages(request -> request.repositoryName("faults/no-put-image"))
        .imageDetails().size());
  }

  @Test
  void faultsFileIsLoaded() throws Exception {
    Path file = temp.resolve("faults.json");
    Files.writeString(file, "{\"denyActions\": [{\"action\": \"ecr:DeleteRepository\", "
        + "\"repository\": \"faults/file-*\"}]}", StandardCharsets.UTF_8);
    client.createRepository(request -> request.repositoryName("faults/file-kept"));

    ecr.loadFaults(file);
    EcrException error = assertThrows(EcrException.class, () -> client.deleteRepository(
        request -> request.repositoryName("faults/file-kept")));
    Files.writeString(file, "{\"denyActions\": [{\"action\": \"DeleteRepository\"}]}",
        StandardCharsets.UTF_8);

    assertEquals("AccessDeniedException", error.awsErrorDetails().errorCode());
    assertThrows(IllegalArgumentException.class, () -> ecr.loadFaults(file));
  }
}
