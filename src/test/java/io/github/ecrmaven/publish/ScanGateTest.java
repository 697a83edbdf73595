package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.RepositoryName;
import io.github.ecrmaven.ecr.ScanGateSettings;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.LocalEcrClients;
import io.github.ecrmaven.localecr.LocalScanFinding;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import io.github.ecrmaven.testing.RecordingLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanType;

/** Runs the scan gate of {@code ecr:verify} through the real AWS SDK against the local ECR's scans. */
class ScanGateTest {
  private static final LocalScanFinding CRITICAL = new LocalScanFinding("CVE-2024-0001", "CRITICAL", "openssl", "3.0.2");
  private static final LocalScanFinding HIGH = new LocalScanFinding("CVE-2024-0002", "HIGH", "curl", "7.88.1");
  private static final LocalScanFinding MEDIUM = new LocalScanFinding("CVE-2024-0003", "MEDIUM", "zlib", "1.2.13");
  private static final LocalScanFinding LOW = new LocalScanFinding("CVE-2024-0004", "LOW", "tar", "1.34");

  private static LocalEcr ecr;
  private static EcrClient client;
  private String repository;
  private String digest;
  private final RecordingLog log = new RecordingLog();

  @BeforeAll
  static void startLocalEcr() {
    ecr = SharedLocalEcr.get();
    client = LocalEcrClients.client(ecr);
  }

  @BeforeEach
  void pushImage() throws Exception {
    repository = "scan-gate/app-" + UUID.randomUUID().toString().substring(0, 8);
    ecr.createRepository(repository);
    digest = Jib.fromScratch().addLabel("purpose", repository)
        .containerize(Containerizer.to(RegistryImage.named(ecr.registryHost() + "/" + repository + ":1.0")
            .addCredential("AWS", ecr.issueRegistryPassword())))
        .getDigest().toString();
  }

  @AfterEach
  void resetRegistryScanning() {
    client.putRegistryScanningConfiguration(request -> request.scanType(ScanType.BASIC).rules(List.of()));
  }

  private VerifyRequest request(ScanGateSettings gate) throws Exception {
    return new VerifyRequest(new RepositoryName(repository), Optional.empty(), Optional.empty(), digest,
        List.of(new ImageTag("1.0")), Optional.empty(), AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null),
        gate);
  }

  private void verify(String timeout, String failOnSeverity) throws Exception {
    new Verification(log).verify(request(ScanGateSettings.of(true, timeout, failOnSeverity)));
  }

  @Test
  void findingsBelowThresholdPassAndPrintTable() throws Exception {
    ecr.scanFindings(repository, digest, List.of("IN_PROGRESS", "COMPLETE"), List.of(MEDIUM, LOW, MEDIUM));
    long calls = ecr.apiCallCount("DescribeImageScanFindings");

    verify("PT30S", "HIGH");

    assertEquals(calls + 2, ecr.apiCallCount("DescribeImageScanFindings"));
    List<String> infos = log.infos();
    assertTrue(infos.contains("Scan of " + repository + "@" + digest + ": IN_PROGRESS (Scan is in progress.)"),
        infos.toString());
    assertTrue(infos.contains("Scan of " + repository + "@" + digest + " (BASIC, COMPLETE): 3 findings"), infos.toString());
    assertTrue(infos.contains("  MEDIUM               2"), infos.toString());
    assertTrue(infos.contains("  LOW                  1"), infos.toString());
    assertTrue(infos.contains("  MEDIUM        CVE-2024-0003            zlib 1.2.13"), infos.toString());
    assertTrue(infos.contains("Scan gate passed: no finding at HIGH or above in " + repository + "@" + digest),
        infos.toString());
  }

  @Test
  void findingsAtThresholdFailNamingCounts() {
    ecr.scanFindings(repository, digest, List.of("COMPLETE"), List.of(CRITICAL, HIGH, HIGH, LOW));

    PublishException e = assertThrows(PublishException.class, () -> verify(null, "high"));

    assertTrue(e.getMessage().contains("has 3 findings at HIGH or above (1 CRITICAL, 2 HIGH)"), e.getMessage());
    assertTrue(e.getMessage().contains("<scan><failOnSeverity> (ecr.scan.failOnSeverity) is HIGH"), e.getMessage());
    assertTrue(log.infos().contains("  CRITICAL      CVE-2024-0001            openssl 3.0.2"), log.infos().toString());
  }

  @Test
  void thresholdNoneOnlyReports() throws Exception {
    ecr.scanFindings(repository, digest, List.of("COMPLETE"), List.of(CRITICAL));

    verify(null, "NONE");

    assertTrue(log.infos().contains("  CRITICAL             1"), log.infos().toString());
  }

  @Test
  void pendingScanFailsAtTimeout() {
    ecr.scanFindings(repository, digest, List.of("IN_PROGRESS"), List.of());
    long start = System.nanoTime();

    PublishException e = assertThrows(PublishException.class, () -> verify("2", null));

    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(waited.compareTo(Duration.ofSeconds(15)) < 0, "waited " + waited);
    assertTrue(e.getMessage().contains("timed out after 2 s waiting for the BASIC scan of " + repository + "@" + digest),
        e.getMessage());
    assertTrue(e.getMessage().contains("its status is still IN_PROGRESS"), e.getMessage());
    assertTrue(e.getMessage().contains("Raise <scan><timeout> (ecr.scan.timeout)"), e.getMessage());
  }

  @Test
  void failedScanFailsGate() {
    ecr.scanFindings(repository, digest, List.of("IN_PROGRESS", "FAILED"), List.of());

    PublishException e = assertThrows(PublishException.class, () -> verify("PT30S", null));

    assertTrue(e.getMessage().contains("ended with status FAILED (The scan failed.)"), e.getMessage());
  }

  @Test
  void unsupportedImageFailsGate() {
    ecr.scanFindings(repository, digest, List.of("UNSUPPORTED_IMAGE"), List.of());

    PublishException e = assertThrows(PublishException.class, () -> verify("PT30S", null));

    assertTrue(e.getMessage().contains("ended with status UNSUPPORTED_IMAGE"), e.getMessage());
    assertTrue(e.getMessage().contains("choose a base image"), e.getMessage());
  }

  @Test
  void noScanningConfiguredFailsAtOnce() {
    long start = System.nanoTime();

    PublishException e = assertThrows(PublishException.class, () -> verify("PT60S", null));

    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0);
    assertTrue(e.getMessage().contains("ECR has no scan of " + repository + "@" + digest), e.getMessage());
    assertTrue(e.getMessage().contains("does not scan this repository automatically (BASIC scanning, no automatic"
        + " scan"), e.getMessage());
    assertTrue(e.getMessage().contains("aws ecr put-registry-scanning-configuration --scan-type BASIC"), e.getMessage());
    assertTrue(e.getMessage().contains("aws ecr start-image-scan --repository-name " + repository), e.getMessage());
  }

  @Test
  void repositoryScanOnPushGivesCleanBasicScan() throws Exception {
    client.putImageScanningConfiguration(request -> request.repositoryName(repository)
        .imageScanningConfiguration(configuration -> configuration.scanOnPush(true)));

    verify("PT30S", "LOW");

    assertTrue(log.infos().stream().anyMatch(line -> line.contains("the repository's scanOnPush setting, which ECR"
        + " deprecates")), log.infos().toString());
    assertTrue(log.infos().contains("Scan of " + repository + "@" + digest + " (BASIC, COMPLETE): 0 findings"),
        log.infos().toString());
  }

  @Test
  void enhancedScanFindingsFailGate() {
    client.putRegistryScanningConfiguration(request -> request.scanType(ScanType.ENHANCED)
        .rules(rule -> rule.scanFrequency(ScanFrequency.CONTINUOUS_SCAN)
            .repositoryFilters(filter -> filter.filter("scan-gate/*").filterType("WILDCARD"))));
    ecr.scanFindings(repository, digest, List.of("PENDING", "ACTIVE"), List.of(CRITICAL, MEDIUM));

    PublishException e = assertThrows(PublishException.class, () -> verify("PT30S", "CRITICAL"));

    assertTrue(e.getMessage().contains("has 1 finding at CRITICAL or above (1 CRITICAL)"), e.getMessage());
    List<String> infos = log.infos();
    assertTrue(infos.stream().anyMatch(line -> line.contains("ENHANCED scanning, CONTINUOUS_SCAN (registry rule for"
        + " 'scan-gate/*')")), infos.toString());
    assertTrue(infos.contains("Scan of " + repository + "@" + digest + ": PENDING (Scan is pending.)"), infos.toString());
    assertTrue(infos.contains("Scan of " + repository + "@" + digest + " (ENHANCED, ACTIVE): 2 findings"), infos.toString());
    assertTrue(infos.contains("  CRITICAL      CVE-2024-0001            openssl 3.0.2"), infos.toString());
  }

  @Test
  void enhancedScanWithoutMatchingRuleFailsAtOnce() {
    client.putRegistryScanningConfiguration(request -> request.scanType(ScanType.ENHANCED)
        .rules(rule -> rule.scanFrequency(ScanFrequency.SCAN_ON_PUSH)
            .repositoryFilters(filter -> filter.filter("other/*").filterType("WILDCARD"))));

    PublishException e = assertThrows(PublishException.class, () -> verify("PT60S", null));

    assertTrue(e.getMessage().contains("(ENHANCED scanning, no automatic scan"), e.getMessage());
    assertTrue(e.getMessage().contains("--scan-type ENHANCED"), e.getMessage());
  }

  @Test
  void disabledGateMakesNoScanCall() throws Exception {
    long calls = ecr.apiCallCount("DescribeImageScanFindings") + ecr.apiCallCount("GetRegistryScanningConfiguration");

    new Verification(log).verify(request(ScanGateSettings.disabled()));

    assertEquals(calls,
        ecr.apiCallCount("DescribeImageScanFindings") + ecr.apiCallCount("GetRegistryScanningConfiguration"));
    assertFalse(log.infos().stream().anyMatch(line -> line.startsWith("Scan")), log.infos().toString());
  }
}
