package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.RepositoryCreation;
import io.github.ecrmaven.ecr.RepositorySettings;
import io.github.ecrmaven.ecr.ScanGateSettings;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.image.ApplicationLayers;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.RegistryAccess;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.LocalEcrClients;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import io.github.ecrmaven.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanType;

/** Runs the scan gate of {@code ecr:push} after a real push to the local ECR. */
class PublishScanGateTest {
  private static LocalEcr ecr;
  private static EcrClient client;
  private static String baseImage;
  @TempDir static Path classes;
  @TempDir Path buildDirectory;

  @BeforeAll
  static void startLocalEcr() throws Exception {
    ecr = SharedLocalEcr.get();
    client = LocalEcrClients.client(ecr);
    baseImage = SharedLocalEcr.baseImage();
    PublisherTest.compileHello(classes, "scanned");
  }

  @AfterEach
  void resetRegistryScanning() {
    client.putRegistryScanningConfiguration(request -> request.scanType(ScanType.BASIC).rules(List.of()));
  }

  private PublishRequest request(String repository) throws Exception {
    return new PublishRequest(
        TargetImage.resolve(null, repository, List.of("1.0.0")),
        AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null),
        RepositoryCreation.CREATE,
        RepositorySettings.none(),
        false,
        RegistryAccess.anonymous(baseImage),
        new ApplicationLayers(List.of(), List.of(), List.of(), classes),
        Optional.empty(),
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of()),
        buildDirectory,
        ScanGateSettings.of(true, "PT30S", "HIGH"));
  }

  @Test
  void scannedPushPassesGateAndWritesReport() throws Exception {
    client.putRegistryScanningConfiguration(request -> request.scanType(ScanType.BASIC)
        .rules(rule -> rule.scanFrequency(ScanFrequency.SCAN_ON_PUSH)
            .repositoryFilters(filter -> filter.filter("push-scan/*").filterType("WILDCARD"))));
    RecordingLog log = new RecordingLog();

    new Publisher(log).publish(request("push-scan/app-" + UUID.randomUUID().toString().substring(0, 8)));

    assertTrue(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)));
    assertTrue(log.infos().stream().anyMatch(line -> line.startsWith("Scan gate passed")), log.infos().toString());
  }

  @Test
  void unscannedPushFailsGateWithoutReport() {
    String repository = "push-unscanned/app-" + UUID.randomUUID().toString().substring(0, 8);

    PublishException e = assertThrows(PublishException.class,
        () -> new Publisher(new RecordingLog()).publish(request(repository)));

    assertTrue(e.getMessage().contains("ECR has no scan of " + repository + "@sha256:"), e.getMessage());
    assertFalse(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)));
    assertFalse(Files.exists(buildDirectory.resolve(PushReport.DIGEST_FILE)));
  }
}
