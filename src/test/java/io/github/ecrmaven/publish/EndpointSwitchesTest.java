package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.RepositoryCreation;
import io.github.ecrmaven.ecr.RepositorySettings;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.image.ApplicationLayers;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.RegistryAccess;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import io.github.ecrmaven.testing.RecordingLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <aws><fips>} and {@code <aws><dualStack>} with the local ECR reached through endpoint overrides:
 * the push works and the log names the override as the endpoint in use. Without an override the switches
 * choose the FIPS and dual-stack hosts, which {@code EcrClientsEndpointTest} checks.
 */
class EndpointSwitchesTest {
  private static LocalEcr ecr;
  @TempDir static Path classes;
  @TempDir Path buildDirectory;

  @BeforeAll
  static void startLocalEcr() throws Exception {
    ecr = SharedLocalEcr.get();
    PublisherTest.compileHello(classes, "fips");
  }

  private PublishRequest request(AwsSettings aws) throws Exception {
    return new PublishRequest(
        TargetImage.resolve(null, "switches/app-" + UUID.randomUUID().toString().substring(0, 8), List.of("1")),
        aws,
        RepositoryCreation.CREATE,
        RepositorySettings.none(),
        false,
        RegistryAccess.anonymous(SharedLocalEcr.baseImage()),
        new ApplicationLayers(List.of(), List.of(), List.of(), classes),
        Optional.empty(),
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of()),
        buildDirectory);
  }

  @Test
  void fipsWithOverridePushes() throws Exception {
    RecordingLog log = new RecordingLog();
    AwsSettings aws = AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null, null, null, null, null,
        true, false);

    PublishResult result = new Publisher(log).publish(request(aws));

    assertEquals(LocalEcr.ACCOUNT_ID, result.registryId());
    assertTrue(log.infos().contains("ECR API endpoint in eu-west-1: " + ecr.apiEndpoint() + ", an endpoint override,"
        + " used as given: <aws><fips> and <aws><dualStack> choose only the endpoints that are not overridden."),
        log.infos().toString());
  }

  @Test
  void dualStackWithOverridePushes() throws Exception {
    AwsSettings aws = AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null, null, null, null, null,
        false, true);
    long creations = ecr.apiCallCount("CreateRepository");

    new Publisher(new RecordingLog()).publish(request(aws));

    assertEquals(creations + 1, ecr.apiCallCount("CreateRepository"));
  }

  @Test
  void bothSwitchesWithRoleOverridesPush() throws Exception {
    String roleArn = "arn:aws:iam::" + LocalEcr.ACCOUNT_ID + ":role/fips-" + UUID.randomUUID().toString().substring(0, 8);
    ecr.registerRole(roleArn, Optional.empty());
    AwsSettings aws = AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null, roleArn, null, "fips-build",
        ecr.stsEndpoint().toString(), true, true);
    long assumed = ecr.apiCallCount("AssumeRole");

    new Publisher(new RecordingLog()).publish(request(aws));

    assertEquals(assumed + 1, ecr.apiCallCount("AssumeRole"));
    assertTrue(ecr.lastCallerArn().orElseThrow().endsWith("/fips-build"), ecr.lastCallerArn().toString());
  }
}
