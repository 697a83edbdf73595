package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The image scanning operations: {@code GetRegistryScanningConfiguration},
 * {@code PutRegistryScanningConfiguration}, {@code StartImageScan} and {@code DescribeImageScanFindings},
 * with the field names, limits and errors of the ECR API reference (API version 2015-09-21).
 *
 * <p>An image's scan is what a test set with {@link LocalEcr#scanFindings}, or what {@code StartImageScan}
 * started. Without either, an image in a repository that the configuration scans automatically gets a clean
 * scan on its first {@code DescribeImageScanFindings} call, as if it had been scanned on push: first
 * {@code IN_PROGRESS} ({@code PENDING} for enhanced scanning), then {@code COMPLETE} ({@code ACTIVE}).
 */
final class ScanOperations {

  private static final Set<String> SCAN_TYPES = Set.of("BASIC", "ENHANCED");
  private static final Set<String> BASIC_FREQUENCIES = Set.of("SCAN_ON_PUSH", "MANUAL");
  private static final Set<String> ENHANCED_FREQUENCIES = Set.of("SCAN_ON_PUSH", "CONTINUOUS_SCAN");
  /** The {@code ScanningRepositoryFilter.filter} pattern of the API reference. */
  private static final Pattern FILTER = Pattern.compile("^[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*$");
  private static final int MAX_RULES = 2;
  private static final int MAX_FILTERS = 100;
  private static final int DEFAULT_MAX_RESULTS = 100;
  private static final int MAX_RESULTS = 1000;

  private final LocalEcrState state;
  private final RegistryInventory inventory;
  private final ObjectMapper mapper;

  ScanOperations(LocalEcrState state, RegistryInventory inventory, ObjectMapper mapper) {
    this.state = state;
    this.inventory = inventory;
    this.mapper = mapper;
  }

  ObjectNode getRegistryScanningConfiguration() {
    ObjectNode response = mapper.createObjectNode();
    response.put("registryId", LocalEcr.ACCOUNT_ID);
    response.set("scanningConfiguration", configurationJson(state.imageScans().configuration()));
    return response;
  }

  ObjectNode putRegistryScanningConfiguration(JsonNode request) throws EcrApiException {
    String scanType = request.path("scanType").asText("BASIC");
    if (!SCAN_TYPES.contains(scanType)) {
      throw validation("1 validation error detected: Value '" + scanType + "' at 'scanType' failed to satisfy"
          + " constraint: Member must satisfy enum value set: [BASIC, ENHANCED]");
    }
    JsonNode rulesJson = request.path("rules");
    if (rulesJson.size() > MAX_RULES) {
      throw validation("1 validation error detected: Value at 'rules' failed to satisfy constraint: Member must"
          + " have length less than or equal to " + MAX_RULES);
    }
    List<ImageScans.Rule> rules = new ArrayList<>();
    for (JsonNode rule : rulesJson) {
      rules.add(rule(rule, scanType));
    }
    ImageScans.Configuration configuration = new ImageScans.Configuration(scanType, rules);
    state.imageScans().configure(configuration);
    ObjectNode response = mapper.createObjectNode();
    response.set("registryScanningConfiguration", configurationJson(configuration));
    return response;
  }

  private static ImageScans.Rule rule(JsonNode rule, String scanType) throws EcrApiException {
    String frequency = rule.path("scanFrequency").asText(null);
    Set<String> allowed = scanType.equals("BASIC") ? BASIC_FREQUENCIES : ENHANCED_FREQUENCIES;
    if (frequency == null || !allowed.contains(frequency)) {
      throw validation("Invalid scanning rule: scanFrequency '" + frequency + "' is not supported for scan type "
          + scanType + ". Supported values: " + String.join(", ", allowed.stream().sorted().toList()));
    }
    JsonNode filtersJson = rule.path("repositoryFilters");
    if (!filtersJson.isArray() || filtersJson.size() > MAX_FILTERS) {
      throw validation("1 validation error detected: Value at 'rules.member.repositoryFilters' failed to satisfy"
          + " constraint: Member must not be null and must have length less than or equal to " + MAX_FILTERS);
    }
    List<String> filters = new ArrayList<>();
    for (JsonNode filter : filtersJson) {
      String text = filter.path("filter").asText("");
      String type = filter.path("filterType").asText("");
      if (!type.equals("WILDCARD")) {
        throw validation("1 validation error detected: Value '" + type + "' at 'rules.member.repositoryFilters."
            + "member.filterType' failed to satisfy constraint: Member must satisfy enum value set: [WILDCARD]");
      }
      if (text.isEmpty() || text.length() > 256 || !FILTER.matcher(text).matches()) {
        throw validation("1 validation error detected: Value '" + text + "' at 'rules.member.repositoryFilters."
            + "member.filter' failed to satisfy constraint: Member must satisfy regular expression pattern: "
            + FILTER.pattern());
      }
      filters.add(text);
    }
    return new ImageScans.Rule(frequency, filters);
  }

  ObjectNode startImageScan(JsonNode request) throws EcrApiException, IOException {
    String repository = EcrRequests.repositoryName(request);
    existingRepository(repository);
    String digest = imageDigest(repository, request);
    if (state.imageScans().configuration().scanType().equals("ENHANCED")) {
      throw validation("This feature is disabled for registries that use enhanced scanning: Amazon Inspector"
          + " scans the images.");
    }
    if (!state.imageScans().start(repository, digest, List.of("IN_PROGRESS", "COMPLETE"), state.now())) {
      throw EcrApiException.badRequest("LimitExceededException",
          "The scan quota per image has been exceeded. Wait and try again.");
    }
    ObjectNode response = imageResponse(repository, request, digest);
    response.putObject("imageScanStatus").put("status", "IN_PROGRESS");
    return response;
  }

  ObjectNode describeImageScanFindings(JsonNode request) throws EcrApiException, IOException {
    String repository = EcrRequests.repositoryName(request);
    LocalEcrState.Repository settings = existingRepository(repository);
    String digest = imageDigest(repository, request);
    int maxResults = request.path("maxResults").asInt(DEFAULT_MAX_RESULTS);
    if (maxResults < 1 || maxResults > MAX_RESULTS) {
      throw EcrRequests.invalidParameter("Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member"
          + " must have value between 1 and " + MAX_RESULTS + "'");
    }
    int offset = offset(request.path("nextToken").asText(null));
    ImageScans scans = state.imageScans();
    boolean enhanced = scans.configuration().scanType().equals("ENHANCED");
    if (scans.automaticFrequency(repository, settings.scanOnPush()).isPresent()) {
      List<String> clean = enhanced ? List.of("PENDING", "ACTIVE") : List.of("IN_PROGRESS", "COMPLETE");
      scans.start(repository, digest, clean, state.now());
    }
    ImageScans.Snapshot scan = scans.next(repository, digest).orElseThrow(() -> EcrApiException.badRequest(
        "ScanNotFoundException", "Image scan does not exist for the image with '{imageDigest:'" + digest
            + "', imageTag:'null'}' in the repository with name '" + repository + "' in the registry with id '"
            + LocalEcr.ACCOUNT_ID + "'"));

    ObjectNode response = imageResponse(repository, request, digest);
    ObjectNode status = response.putObject("imageScanStatus");
    status.put("status", scan.status());
    status.put("description", description(scan.status()));
    if (scan.status().equals("COMPLETE") || scan.status().equals("ACTIVE")) {
      findingsJson(response, repository, digest, scan, enhanced, offset, maxResults);
    }
    return response;
  }

  private void findingsJson(ObjectNode response, String repository, String digest, ImageScans.Snapshot scan,
      boolean enhanced, int offset, int maxResults) {
    ObjectNode findings = response.putObject("imageScanFindings");
    Instant completedAt = scan.startedAt().plusSeconds(30);
    findings.put("imageScanCompletedAt", EcrRequests.epochSeconds(completedAt));
    findings.put("vulnerabilitySourceUpdatedAt", EcrRequests.epochSeconds(scan.startedAt().minusSeconds(3600)));
    Map<String, Integer> counts = new LinkedHashMap<>();
    scan.findings().forEach(finding -> counts.merge(finding.severity(), 1, Integer::sum));
    ObjectNode countsJson = findings.putObject("findingSeverityCounts");
    counts.forEach(countsJson::put);

    ArrayNode list = findings.putArray(enhanced ? "enhancedFindings" : "findings");
    int end = Math.min(scan.findings().size(), offset + maxResults);
    for (int i = offset; i < end; i++) {
      LocalScanFinding finding = scan.findings().get(i);
      list.add(enhanced ? enhancedFinding(repository, digest, finding, scan.startedAt())
          : basicFinding(finding));
    }
    if (end < scan.findings().size()) {
      response.put("nextToken", "offset-" + end);
    }
  }

  private ObjectNode basicFinding(LocalScanFinding finding) {
    ObjectNode json = mapper.createObjectNode();
    json.put("name", finding.vulnerabilityId());
    json.put("description", "A vulnerability in " + finding.packageName() + ".");
    json.put("uri", "https://security-tracker.debian.org/tracker/" + finding.vulnerabilityId());
    json.put("severity", finding.severity());
    ArrayNode attributes = json.putArray("attributes");
    attributes.addObject().put("key", "package_version").put("value", finding.packageVersion());
    attributes.addObject().put("key", "package_name").put("value", finding.packageName());
    return json;
  }

  private ObjectNode enhancedFinding(String repository, String digest, LocalScanFinding finding, Instant seenAt) {
    ObjectNode json = mapper.createObjectNode();
    json.put("awsAccountId", LocalEcr.ACCOUNT_ID);
    json.put("description", "A vulnerability in " + finding.packageName() + ".");
    json.put("findingArn", "arn:aws:inspector2:" + LocalEcr.REGION + ":" + LocalEcr.ACCOUNT_ID + ":finding/"
        + sha256(repository + digest + finding.vulnerabilityId()).substring(0, 32));
    json.put("firstObservedAt", EcrRequests.epochSeconds(seenAt));
    json.put("lastObservedAt", EcrRequests.epochSeconds(seenAt));
    json.put("updatedAt", EcrRequests.epochSeconds(seenAt));

    ObjectNode details = json.putObject("packageVulnerabilityDetails");
    details.put("source", "NVD");
    details.put("vulnerabilityId", finding.vulnerabilityId());
    ObjectNode vulnerable = details.putArray("vulnerablePackages").addObject();
    vulnerable.put("name", finding.packageName());
    vulnerable.put("version", finding.packageVersion());
    vulnerable.put("packageManager", "OS");
    json.putObject("remediation").putObject("recommendation")
        .put("text", "Update " + finding.packageName() + " to a fixed version.");

    ObjectNode resource = json.putArray("resources").addObject();
    resource.put("type", "AWS_ECR_CONTAINER_IMAGE");
    resource.put("id", EcrOperations.repositoryArn(repository) + "/" + digest);
    ObjectNode image = resource.putObject("details").putObject("awsEcrContainerImage");
    image.put("imageHash", digest);
    image.put("registry", LocalEcr.ACCOUNT_ID);
    image.put("repositoryName", repository);

    json.put("severity", finding.severity());
    json.put("status", "ACTIVE");
    json.put("title", finding.vulnerabilityId() + " - " + finding.packageName());
    json.put("type", "PACKAGE_VULNERABILITY");
    json.put("fixAvailable", "YES");
    return json;
  }

  private static String description(String status) {
    return switch (status) {
      case "COMPLETE" -> "The scan was completed successfully.";
      case "ACTIVE" -> "Continuous scan is selected for image.";
      case "PENDING" -> "Scan is pending.";
      case "IN_PROGRESS" -> "Scan is in progress.";
      case "FAILED" -> "The scan failed.";
      case "UNSUPPORTED_IMAGE" -> "UnsupportedImageError: The operating system and/or package manager are not"
          + " supported.";
      case "SCAN_ELIGIBILITY_EXPIRED" -> "The scan eligibility of the image has expired.";
      default -> status;
    };
  }

  /** Returns the digest of the image that {@code imageId} names, or fails with ECR's errors. */
  private String imageDigest(String repository, JsonNode request) throws EcrApiException, IOException {
    JsonNode imageId = request.path("imageId");
    String digest = imageId.path("imageDigest").asText(null);
    String tag = imageId.path("imageTag").asText(null);
    if (!imageId.isObject() || (digest == null && tag == null)) {
      throw EcrRequests.invalidParameter("Invalid parameter at 'imageId': an image ID needs an imageDigest or an"
          + " imageTag");
    }
    var manifest = inventory.storedManifest(repository, digest != null ? digest : tag);
    if (manifest.isEmpty() || (digest != null && !digest.equals(manifest.get().digest()))) {
      throw EcrApiException.badRequest("ImageNotFoundException",
          "The image with imageId {imageDigest:'" + digest + "', imageTag:'" + tag + "'} does not exist within the"
              + " repository with name '" + repository + "' in the registry with id '" + LocalEcr.ACCOUNT_ID + "'");
    }
    return manifest.get().digest();
  }

  private ObjectNode imageResponse(String repository, JsonNode request, String digest) {
    ObjectNode response = mapper.createObjectNode();
    response.put("registryId", LocalEcr.ACCOUNT_ID);
    response.put("repositoryName", repository);
    ObjectNode imageId = response.putObject("imageId");
    imageId.put("imageDigest", digest);
    String tag = request.path("imageId").path("imageTag").asText(null);
    if (tag != null) {
      imageId.put("imageTag", tag);
    }
    return response;
  }

  private ObjectNode configurationJson(ImageScans.Configuration configuration) {
    ObjectNode json = mapper.createObjectNode();
    json.put("scanType", configuration.scanType());
    ArrayNode rules = json.putArray("rules");
    for (ImageScans.Rule rule : configuration.rules()) {
      ObjectNode ruleJson = rules.addObject();
      ruleJson.put("scanFrequency", rule.scanFrequency());
      ArrayNode filters = ruleJson.putArray("repositoryFilters");
      rule.filters().forEach(filter -> filters.addObject().put("filter", filter).put("filterType", "WILDCARD"));
    }
    return json;
  }

  private LocalEcrState.Repository existingRepository(String name) throws EcrApiException {
    return state.repository(name).orElseThrow(() -> EcrApiException.badRequest(
        "RepositoryNotFoundException", EcrOperations.repositoryNotFoundMessage(name)));
  }

  private static int offset(String nextToken) throws EcrApiException {
    if (nextToken == null) {
      return 0;
    }
    try {
      if (nextToken.startsWith("offset-")) {
        return Integer.parseInt(nextToken.substring("offset-".length()));
      }
    } catch (NumberFormatException e) {
      // Falls through to ECR's error for a token it did not issue.
    }
    throw EcrRequests.invalidParameter("Invalid parameter at 'nextToken': the token is not valid");
  }

  private static EcrApiException validation(String message) {
    return EcrApiException.badRequest("ValidationException", message);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
