package io.github.ecrmaven.localecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.FindingSeverity;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.RegistryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanStatus;
import software.amazon.awssdk.services.ecr.model.ScanType;
import software.amazon.awssdk.services.ecr.model.StartImageScanResponse;
import software.amazon.awssdk.services.ecr.model.ValidationException;

/** Checks the local ECR's scanning operations through the real AWS SDK. */
class ScanOperationsTest {
  private static LocalEcr ecr;
  private static EcrClient client;
  private String repository;
  private String digest;

  @BeforeAll
  static void startLocalEcr() {
    ecr = SharedLocalEcr.get();
    client = LocalEcrClients.client(ecr);
  }

  @BeforeEach
  void pushImage() throws Exception {
    repository = "scans/app-" + UUID.randomUUID().toString().substring(0, 8);
    ecr.createRepository(repository);
    digest = Jib.fromScratch()
        .containerize(Containerizer.to(RegistryImage.named(ecr.registryHost() + "/" + repository + ":1")
            .addCredential("AWS", ecr.issueRegistryPassword())))
        .getDigest().toString();
  }

  @AfterEach
  void resetRegistryScanning() {
    client.putRegistryScanningConfiguration(request -> request.scanType(ScanType.BASIC).rules(List.of()));
  }

  private DescribeImageScanFindingsResponse describe(String nextToken, Integer maxResults) {
    return client.describeImageScanFindings(request -> request.repositoryName(repository)
        .imageId(ImageIdentifier.builder().imageDigest(digest).build()).nextToken(nextToken).maxResults(maxResults));
  }

  @Test
  void registryConfigurationDefaultsToBasicWithoutRules() {
    RegistryScanningConfiguration configuration =
        client.getRegistryScanningConfiguration(request -> {}).scanningConfiguration();
    assertEquals(ScanType.BASIC, configuration.scanType());
    assertTrue(configuration.rules().isEmpty());
  }

  @Test
  void registryConfigurationRoundTrips() {
    client.putRegistryScanningConfiguration(request -> request.scanType(ScanType.ENHANCED)
        .rules(rule -> rule.scanFrequency(ScanFrequency.CONTINUOUS_SCAN)
            .repositoryFilters(filter -> filter.filter("team/*").filterType("WILDCARD"))));

    RegistryScanningConfiguration configuration =
        client.getRegistryScanningConfiguration(request -> {}).scanningConfiguration();
    assertEquals(ScanType.ENHANCED, configuration.scanType());
    assertEquals(ScanFrequency.CONTINUOUS_SCAN, configuration.rules().get(0).scanFrequency());
    assertEquals("team/*", configuration.rules().get(0).repositoryFilters().get(0).filter());
  }

  @Test
  void registryConfigurationRejectsContinuousScanForBasic() {
    ValidationException e = assertThrows(ValidationException.class, () ->
        client.putRegistryScanningConfiguration(request -> request.scanType(ScanType.BASIC)
            .rules(rule -> rule.scanFrequency(ScanFrequency.CONTINUOUS_SCAN)
                .repositoryFilters(filter -> filter.filter("*").filterType("WILDCARD")))));
    assertTrue(e.getMessage().contains("CONTINUOUS_SCAN"), e.getMessage());
  }

  @Test
  void describeWithoutScanThrowsScanNotFound() {
    assertThrows(ScanNotFoundException.class, () -> describe(null, null));
  }

  @Test
  void describeOfMissingImageThrowsImageNotFound() {
    assertThrows(ImageNotFoundException.class, () -> client.describeImageScanFindings(request -> request
        .repositoryName(repository).imageId(ImageIdentifier.builder().imageTag("missing").build())));
  }

  @Test
  void startedScanCompletesOnSecondCall() {
    StartImageScanResponse started = client.startImageScan(request -> request.repositoryName(repository)
        .imageId(ImageIdentifier.builder().imageTag("1").build()));
    assertEquals(ScanStatus.IN_PROGRESS, started.imageScanStatus().status());
    assertEquals(digest, started.imageId().imageDigest());

    assertEquals(ScanStatus.IN_PROGRESS, describe(null, null).imageScanStatus().status());
    DescribeImageScanFindingsResponse complete = describe(null, null);
    assertEquals(ScanStatus.COMPLETE, complete.imageScanStatus().status());
    assertTrue(complete.imageScanFindings().findings().isEmpty());
    assertThrows(LimitExceededException.class, () -> client.startImageScan(request -> request
        .repositoryName(repository).imageId(ImageIdentifier.builder().imageDigest(digest).build())));
  }

  @Test
  void basicFindingsHaveCountsAttributesAndEpochTimes() {
    ecr.scanFindings(repository, digest, List.of("COMPLETE"),
        List.of(new LocalScanFinding("CVE-2024-1", "HIGH", "openssl", "3.0.2"),
            new LocalScanFinding("CVE-2024-2", "HIGH", "curl", "7.88.1")));

    DescribeImageScanFindingsResponse response = describe(null, null);

    assertEquals(2, response.imageScanFindings().findingSeverityCounts().get(FindingSeverity.HIGH));
    assertEquals("CVE-2024-1", response.imageScanFindings().findings().get(0).name());
    assertEquals("package_name", response.imageScanFindings().findings().get(0).attributes().get(1).key());
    Instant completedAt = response.imageScanFindings().imageScanCompletedAt();
    assertTrue(Duration.between(Instant.now(), completedAt).abs().compareTo(Duration.ofMinutes(5)) < 0,
        completedAt.toString());
  }

  @Test
  void enhancedFindingsUseEnhancedShape() {
    client.putRegistryScanningConfiguration(request -> request.scanType(ScanType.ENHANCED)
        .rules(rule -> rule.scanFrequency(ScanFrequency.SCAN_ON_PUSH)
            .repositoryFilters(filter -> filter.filter("scans/*").filterType("WILDCARD"))));
    ecr.scanFindings(repository, digest, List.of("PENDING", "ACTIVE"),
        List.of(new LocalScanFinding("CVE-2024-3", "CRITICAL", "glibc", "2.36")));

    assertEquals(ScanStatus.PENDING, describe(null, null).imageScanStatus().status());
    DescribeImageScanFindingsResponse response = describe(null, null);

    assertEquals(ScanStatus.ACTIVE, response.imageScanStatus().status());
    assertTrue(response.imageScanFindings().findings().isEmpty());
    var finding = response.imageScanFindings().enhancedFindings().get(0);
    assertEquals("CVE-2024-3", finding.packageVulnerabilityDetails().vulnerabilityId());
    assertEquals("glibc", finding.packageVulnerabilityDetails().vulnerablePackages().get(0).name());
    assertEquals("CRITICAL", finding.severity());
    assertTrue(finding.firstObservedAt().isAfter(Instant.EPOCH));
  }

  @Test
  void findingsArePaged() {
    List<LocalScanFinding> findings = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      findings.add(new LocalScanFinding("CVE-2024-" + i, "LOW", "package" + i, "1." + i));
    }
    ecr.scanFindings(repository, digest, List.of("COMPLETE"), findings);

    DescribeImageScanFindingsResponse first = describe(null, 3);
    DescribeImageScanFindingsResponse second = describe(first.nextToken(), 3);

    assertEquals(3, first.imageScanFindings().findings().size());
    assertEquals(2, second.imageScanFindings().findings().size());
    assertNull(second.nextToken());
    assertEquals(5, second.imageScanFindings().findingSeverityCounts().get(FindingSeverity.LOW));
  }
}
