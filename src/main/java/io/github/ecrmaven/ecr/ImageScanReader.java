package io.github.ecrmaven.ecr;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Attribute;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFindings;
import software.amazon.awssdk.services.ecr.model.PackageVulnerabilityDetails;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;

/**
 * Reads the scan status and findings of one image with {@code DescribeImageScanFindings}, in the basic
 * shape ({@code findings}) or the enhanced one ({@code enhancedFindings}).
 */
final class ImageScanReader {
  /** The page size, the maximum {@code DescribeImageScanFindings} accepts. */
  private static final int PAGE_SIZE = 1000;

  /** The maximum number of pages read, so that an image with a huge number of findings does not stall the build. */
  private static final int MAX_PAGES = 10;

  /**
   * One reading of the scan.
   *
   * @param status the scan status, or empty when ECR has no scan of the image
   * @param description ECR's description of the status, or empty
   * @param result the findings, only when the status is {@code COMPLETE} or {@code ACTIVE}
   */
  record Reading(Optional<String> status, Optional<String> description, Optional<ImageScanResult> result) {}

  private final EcrClient client;

  ImageScanReader(EcrClient client) {
    this.client = client;
  }

  /**
   * Reads the scan of {@code digest}, with every page of findings once the scan has finished.
   *
   * @throws EcrAccessException when the call fails, for example because the image does not exist
   */
  Reading read(EnsuredRepository repository, String digest, boolean enhanced) throws EcrAccessException {
    DescribeImageScanFindingsResponse first;
    try {
      first = page(repository, digest, null);
    } catch (ScanNotFoundException e) {
      return new Reading(Optional.empty(), Optional.empty(), Optional.empty());
    }
    String status = first.imageScanStatus() == null ? null : first.imageScanStatus().statusAsString();
    Optional<String> description = Optional.ofNullable(first.imageScanStatus())
        .map(scanStatus -> scanStatus.description()).filter(text -> !text.isBlank());
    if (!"COMPLETE".equals(status) && !"ACTIVE".equals(status)) {
      return new Reading(Optional.ofNullable(status), description, Optional.empty());
    }
    if (first.imageScanFindings() == null) {
      // A finished scan without a findings object is no evidence of a clean image.
      return new Reading(Optional.of("FINDINGS_UNAVAILABLE"),
          Optional.of("ECR reported the status " + status + " without findings"), Optional.empty());
    }

    List<ScanFinding> findings = new ArrayList<>();
    Map<ScanSeverity, Integer> counts = new EnumMap<>(ScanSeverity.class);
    addCounts(first.imageScanFindings(), counts);
    DescribeImageScanFindingsResponse page = first;
    for (int pages = 1; ; pages++) {
      addFindings(page.imageScanFindings(), findings);
      if (page.nextToken() == null || pages == MAX_PAGES) {
        break;
      }
      try {
        page = page(repository, digest, page.nextToken());
      } catch (ScanNotFoundException e) {
        break;
      }
    }
    if (counts.isEmpty()) {
      // NOTE: ECR documents findingSeverityCounts for both scan types; counting the findings read is only
      // a fallback, and it undercounts beyond MAX_PAGES pages.
      findings.forEach(finding -> counts.merge(finding.severity(), 1, Integer::sum));
    }
    boolean enhancedShape = enhanced || !first.imageScanFindings().enhancedFindings().isEmpty();
    return new Reading(Optional.of(status), description,
        Optional.of(new ImageScanResult(enhancedShape, status, counts, findings)));
  }

  private DescribeImageScanFindingsResponse page(EnsuredRepository repository, String digest, String nextToken)
      throws EcrAccessException {
    try {
      return client.describeImageScanFindings(request -> request
          .repositoryName(repository.name().value())
          .registryId(repository.registryId())
          .imageId(ImageIdentifier.builder().imageDigest(digest).build())
          .maxResults(PAGE_SIZE)
          .nextToken(nextToken));
    } catch (ScanNotFoundException e) {
      throw e;
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "read the scan findings of " + repository.name() + "@" + digest,
          "ecr:DescribeImageScanFindings");
    }
  }

  private static void addCounts(ImageScanFindings scan, Map<ScanSeverity, Integer> counts) {
    if (scan == null) {
      return;
    }
    scan.findingSeverityCountsAsStrings()
        .forEach((severity, count) -> counts.merge(ScanSeverity.of(severity), count == null ? 0 : count, Integer::sum));
  }

  private static void addFindings(ImageScanFindings scan, List<ScanFinding> findings) {
    if (scan == null) {
      return;
    }
    for (ImageScanFinding finding : scan.findings()) {
      findings.add(new ScanFinding(String.valueOf(finding.name()), basicPackage(finding.attributes()),
          ScanSeverity.of(finding.severityAsString())));
    }
    for (EnhancedImageScanFinding finding : scan.enhancedFindings()) {
      findings.add(enhancedFinding(finding));
    }
  }

  /** Returns the package of a basic finding, from its {@code package_name} and {@code package_version} attributes. */
  static String basicPackage(List<Attribute> attributes) {
    String name = attribute(attributes, "package_name");
    String version = attribute(attributes, "package_version");
    if (name == null) {
      return "";
    }
    return version == null ? name : name + " " + version;
  }

  private static String attribute(List<Attribute> attributes, String key) {
    return attributes.stream().filter(attribute -> key.equals(attribute.key())).map(Attribute::value)
        .findFirst().orElse(null);
  }

  /** Reduces an enhanced finding: the vulnerability ID (else the title) and the vulnerable packages. */
  static ScanFinding enhancedFinding(EnhancedImageScanFinding finding) {
    PackageVulnerabilityDetails details = finding.packageVulnerabilityDetails();
    String name = details != null && details.vulnerabilityId() != null ? details.vulnerabilityId()
        : finding.title() != null ? finding.title() : String.valueOf(finding.findingArn());
    String packages = details == null ? "" : details.vulnerablePackages().stream()
        .map(vulnerable -> vulnerable.version() == null ? vulnerable.name() : vulnerable.name() + " " + vulnerable.version())
        .collect(Collectors.joining(", "));
    return new ScanFinding(name, packages, ScanSeverity.of(finding.severity()));
  }
}
