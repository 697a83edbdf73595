package io.github.ecrmaven.ecr;

import java.time.Duration;
import java.util.Optional;

/** The messages of a failed scan gate, each with what to do next. */
final class ScanGateFailures {
  private static final String IMAGE_STAYS = " The image stays in ECR.";
  private static final String GATE_OFF = " To publish without waiting for a scan, set <scan><wait> (ecr.scan.wait) to false.";

  private ScanGateFailures() {}

  /**
   * Returns the command that checks the scan again later. A failed gate writes no push report, so the
   * command names the digest.
   */
  private static String verifyLater(String image) {
    String digest = image.substring(image.indexOf('@') + 1);
    return "mvn ecr:verify -Decr.scan.wait=true -Decr.verify.digest=" + digest;
  }

  /**
   * Fails on a status after which no findings will come. {@code IN_PROGRESS}, {@code PENDING} and unknown
   * statuses pass, so the caller keeps waiting.
   */
  static void checkNotFinal(String image, String status, Optional<String> description, ScanningSetup setup)
      throws EcrAccessException {
    String detail = description.map(text -> " (" + text + ")").orElse("");
    String prefix = "Scan gate failed: the " + setup.scanType() + " scan of " + image + " ended with status " + status
        + detail + ", so there are no findings to judge.";
    switch (status) {
      case "FAILED":
        throw new EcrAccessException(prefix + " Push the image again, or start a new scan (for basic scanning: aws"
            + " ecr start-image-scan), then check it with: " + verifyLater(image) + "." + IMAGE_STAYS);
      case "UNSUPPORTED_IMAGE":
        throw new EcrAccessException(prefix + " ECR cannot scan this image's operating system or package manager:"
            + " choose a base image that " + setup.scanType() + " scanning supports." + GATE_OFF + IMAGE_STAYS);
      case "SCAN_ELIGIBILITY_EXPIRED":
        throw new EcrAccessException(prefix + " Amazon Inspector stopped scanning the image because its scan"
            + " duration ended: push the image again, or lengthen the ECR re-scan duration in Amazon Inspector's"
            + " settings." + IMAGE_STAYS);
      case "FINDINGS_UNAVAILABLE":
        throw new EcrAccessException(prefix + " Check the image's scan in the ECR console, and the Amazon"
            + " Inspector coverage of the repository for enhanced scanning." + IMAGE_STAYS);
      case "LIMIT_EXCEEDED":
        throw new EcrAccessException(prefix + " The account reached a scan quota: build again later, or ask for a"
            + " higher quota." + IMAGE_STAYS);
      case "IMAGE_ARCHIVED":
        throw new EcrAccessException(prefix + " Archived images are not scanned: restore the image first."
            + IMAGE_STAYS);
      default:
        // IN_PROGRESS, PENDING, and statuses newer than this plugin: keep waiting until the timeout.
    }
  }

  static EcrAccessException noScan(EnsuredRepository repository, String digest, ScanningSetup setup) {
    String name = repository.name().value();
    String remedy = setup.enhanced()
        ? " Add a registry scanning rule for the repository, for example: aws ecr put-registry-scanning-configuration"
            + " --scan-type ENHANCED --rules '[{\"scanFrequency\":\"SCAN_ON_PUSH\",\"repositoryFilters\":"
            + "[{\"filter\":\"" + name + "\",\"filterType\":\"WILDCARD\"}]}]' (this replaces the registry's rules,"
            + " so include the existing ones), then push again."
        : " Turn on scanning for the repository with a registry scanning rule, for example: aws ecr"
            + " put-registry-scanning-configuration --scan-type BASIC --rules '[{\"scanFrequency\":\"SCAN_ON_PUSH\","
            + "\"repositoryFilters\":[{\"filter\":\"" + name + "\",\"filterType\":\"WILDCARD\"}]}]' (this replaces"
            + " the registry's rules, so include the existing ones), then push again. Or scan this image once with: aws"
            + " ecr start-image-scan --repository-name " + name + " --image-id imageDigest=" + digest + ", then check"
            + " it with: " + verifyLater(name + "@" + digest) + ".";
    return new EcrAccessException("Scan gate failed: ECR has no scan of " + name + "@" + digest + ", and none will"
        + " come, because the registry does not scan this repository automatically (" + setup.describe() + ")."
        + remedy + GATE_OFF);
  }

  static EcrAccessException timedOut(String image, ScanningSetup setup, Duration timeout, Optional<String> status,
      Optional<String> description) {
    String state = status.map(value -> "its status is still " + value + description.map(text -> " (" + text + ")")
        .orElse("")).orElse("ECR has no scan of it yet");
    return new EcrAccessException("Scan gate failed: timed out after " + ImageScanGate.seconds(timeout)
        + " waiting for the " + setup.scanType() + " scan of " + image + ": " + state + ". A pending scan is not a"
        + " result. Raise <scan><timeout> (ecr.scan.timeout), such as PT15M, or check the scan"
        + " again later with: " + verifyLater(image) + "." + IMAGE_STAYS);
  }

  static EcrAccessException findingsAtOrAbove(String image, ImageScanResult result, ScanSeverity threshold,
      int failing) {
    return new EcrAccessException("Scan gate failed: the scan of " + image + " has " + failing
        + (failing == 1 ? " finding" : " findings") + " at " + threshold + " or above ("
        + ScanSummary.countsAtOrAbove(result, threshold) + "), and <scan><failOnSeverity> (ecr.scan.failOnSeverity)"
        + " is " + threshold + ". Update the affected packages or the base image (the findings are listed above),"
        + " or raise <scan><failOnSeverity>, or set it to NONE to only report the findings." + IMAGE_STAYS);
  }
}
