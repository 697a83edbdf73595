package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.Attribute;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;

class ScanSummaryTest {
  private static final ImageScanResult RESULT = new ImageScanResult(false, "COMPLETE",
      Map.of(ScanSeverity.CRITICAL, 1, ScanSeverity.HIGH, 2, ScanSeverity.LOW, 1),
      List.of(
          new ScanFinding("CVE-2024-0003", "zlib 1.2", ScanSeverity.LOW),
          new ScanFinding("CVE-2024-0002", "openssl 3.0.2", ScanSeverity.HIGH),
          new ScanFinding("CVE-2024-0001", "", ScanSeverity.CRITICAL),
          new ScanFinding("CVE-2024-0004", "curl 8.0", ScanSeverity.HIGH)));

  @Test
  void tableListsEverySeverityFromCritical() {
    assertEquals(List.of(
        "  Severity         Count",
        "  CRITICAL             1",
        "  HIGH                 2",
        "  MEDIUM               0",
        "  LOW                  1",
        "  INFORMATIONAL        0",
        "  UNDEFINED            0",
        "  Total                4"), ScanSummary.table(RESULT));
  }

  @Test
  void findingsListHighestSeverityFirst() {
    assertEquals(List.of(
        "  CRITICAL      CVE-2024-0001            (no package named)",
        "  HIGH          CVE-2024-0002            openssl 3.0.2",
        "  HIGH          CVE-2024-0004            curl 8.0"), ScanSummary.findings(RESULT, 0, 3));
  }

  @Test
  void findingsRangeIsCappedAtTheList() {
    assertEquals(List.of("  LOW           CVE-2024-0003            zlib 1.2"),
        ScanSummary.findings(RESULT, 3, Integer.MAX_VALUE));
  }

  @Test
  void countsAtOrAboveNameEachSeverity() {
    assertEquals("1 CRITICAL, 2 HIGH", ScanSummary.countsAtOrAbove(RESULT, ScanSeverity.HIGH));
    assertEquals(3, RESULT.countAtOrAbove(ScanSeverity.HIGH));
    assertEquals(4, RESULT.countAtOrAbove(ScanSeverity.UNDEFINED));
    assertEquals(0, RESULT.count(ScanSeverity.MEDIUM));
  }

  @Test
  void basicPackageJoinsNameAndVersion() {
    assertEquals("openssl 3.0.2", ImageScanReader.basicPackage(List.of(
        Attribute.builder().key("package_version").value("3.0.2").build(),
        Attribute.builder().key("package_name").value("openssl").build())));
    assertEquals("", ImageScanReader.basicPackage(List.of()));
  }

  @Test
  void enhancedFindingUsesVulnerabilityIdAndPackages() {
    EnhancedImageScanFinding finding = EnhancedImageScanFinding.builder()
        .title("CVE-2024-9 - openssl")
        .severity("HIGH")
        .packageVulnerabilityDetails(details -> details.vulnerabilityId("CVE-2024-9")
            .vulnerablePackages(vulnerable -> vulnerable.name("openssl").version("3.0.2")))
        .build();
    assertEquals(new ScanFinding("CVE-2024-9", "openssl 3.0.2", ScanSeverity.HIGH),
        ImageScanReader.enhancedFinding(finding));
  }
}
