package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.RepositoryCreation;
import io.github.ecrmaven.ecr.RepositorySettings;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.image.ApplicationLayers;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.RegistryAccess;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Makes publications fail in ways whose errors carry request data: a rejected signature, a registry
 * that denies the push, a persistent server error and an assumed role without access. Then checks
 * that neither the messages nor the stack traces, causes included, show a secret.
 */
class SecretsInMessagesTest {
  private static final String WRONG_SECRET = "WrongSecretKeyForTheMessageCheck0123456789";
  private static LocalEcr ecr;
  private static String baseImage;
  @TempDir static Path classes;
  @TempDir Path buildDirectory;

  @BeforeAll
  static void startLocalEcr() throws Exception {
    ecr = SharedLocalEcr.get();
    baseImage = SharedLocalEcr.baseImage();
    PublisherTest.compileHello(classes, "secrets");
  }

  private PublishRequest request(String repository, AwsSettings aws) throws Exception {
    return new PublishRequest(
        TargetImage.resolve(null, repository, List.of("1.0")),
        aws,
        RepositoryCreation.CREATE,
        RepositorySettings.none(),
        false,
        RegistryAccess.anonymous(baseImage),
        new ApplicationLayers(List.of(), List.of(), List.of(), classes),
        Optional.empty(),
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of()),
        buildDirectory);
  }

  private static AwsSettings localAws() throws Exception {
    return AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null);
  }

  private static String newRepository() {
    return "secrets/app-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Fails unless the failure's full text, with every cause and stack trace, shows no secret. */
  private static void assertNoSecret(Throwable failure, Set<String> extraSecrets) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    for (String secret : ecr.knownSecrets()) {
      assertFalse(text.toString().contains(secret), "a secret the local ECR issued is in: " + failure.getMessage());
    }
    for (String secret : extraSecrets) {
      assertFalse(text.toString().contains(secret), "a secret of the test is in: " + failure.getMessage());
    }
  }

  @Test
  void rejectedSignatureShowsNoSecret() throws Exception {
    Path credentials = Path.of(System.getenv("AWS_SHARED_CREDENTIALS_FILE"));
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, String.join("\n",
        "[secrets-wrong]",
        "aws_access_key_id = " + LocalEcr.ACCESS_KEY_ID,
        "aws_secret_access_key = " + WRONG_SECRET,
        ""));
    AwsSettings aws = AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), "secrets-wrong");

    PublishException e = assertThrows(PublishException.class,
        () -> new Publisher(BuildLog.silent()).publish(request(newRepository(), aws)));

    assertNoSecret(e, Set.of(WRONG_SECRET));
  }

  @Test
  void deniedPushShowsNoPassword() throws Exception {
    String repository = newRepository();
    ecr.denyAction("InitiateLayerUpload", repository);

    PublishException e = assertThrows(PublishException.class,
        () -> new Publisher(BuildLog.silent()).publish(request(repository, localAws())));

    assertNoSecret(e, Set.of());
  }

  @Test
  void persistentServerErrorShowsNoPassword() throws Exception {
    String repository = newRepository();
    ecr.failRegistryRequests(repository, "*", "blobs/", 500, null, -1);
    try {
      PublishException e = assertThrows(PublishException.class,
          () -> new Publisher(BuildLog.silent()).publish(request(repository, localAws())));

      assertNoSecret(e, Set.of());
    } finally {
      ecr.clearRegistryFaults(repository);
    }
  }

  @Test
  void deniedRoleShowsNoSessionToken() throws Exception {
    String repository = newRepository();
    String roleArn = "arn:aws:iam::" + LocalEcr.ACCOUNT_ID + ":role/secrets-" + UUID.randomUUID().toString().substring(0, 8);
    ecr.registerRole(roleArn, Optional.empty());
    ecr.denyAction("CreateRepository", repository);
    AwsSettings aws = AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null, roleArn, null, null,
        ecr.stsEndpoint().toString(), false, false);

    PublishException e = assertThrows(PublishException.class,
        () -> new Publisher(BuildLog.silent()).publish(request(repository, aws)));

    assertNoSecret(e, Set.of());
  }
}
