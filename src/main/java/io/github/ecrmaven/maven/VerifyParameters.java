package io.github.ecrmaven.maven;

/** The {@code <verify>} parameter of {@code ecr:verify}: what to check instead of the push report. */
public class VerifyParameters {
  /**
   * A manifest digest to check, {@code sha256:} and 64 hexadecimal digits (property
   * {@code ecr.verify.digest}). It is checked against {@code <repository>} or {@code <to><image>} and
   * {@code <to><tags>}. Default: the digest of the push report.
   *
   * @since 0.1.0
   */
  String digest;

  /**
   * The push report to check (property {@code ecr.verify.report}). Default:
   * {@code ${project.build.directory}/ecr-image.json}, which {@code ecr:push} writes.
   *
   * @since 0.1.0
   */
  String report;
}
