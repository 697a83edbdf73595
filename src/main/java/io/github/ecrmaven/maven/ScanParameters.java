package io.github.ecrmaven.maven;

/**
 * The {@code <scan>} parameter of {@code ecr:push} and {@code ecr:verify}: the scan gate, which waits for
 * ECR's scan of the image and fails the build on findings at or above a severity.
 */
public class ScanParameters {
  /**
   * Whether to wait for the image scan after the verification and judge its findings (property
   * {@code ecr.scan.wait}). Default: {@code false}.
   *
   * @since 0.1.0
   */
  Boolean wait;

  /**
   * How long to wait for the scan to finish (property {@code ecr.scan.timeout}): an ISO 8601 duration such
   * as {@code PT10M}, or whole seconds such as {@code 600}, at most 24 hours. Default: {@code PT5M}.
   *
   * @since 0.1.0
   */
  String timeout;

  /**
   * The lowest finding severity that fails the build (property {@code ecr.scan.failOnSeverity}):
   * {@code CRITICAL}, {@code HIGH}, {@code MEDIUM}, {@code LOW}, {@code INFORMATIONAL}, {@code UNDEFINED}
   * (every finding), or {@code NONE} to only report the findings. Default: {@code HIGH}.
   *
   * @since 0.1.0
   */
  String failOnSeverity;
}
