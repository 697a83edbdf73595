package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.ecr.ScanGateSettings;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.publish.PushReport;
import io.github.ecrmaven.publish.Verification;
import io.github.ecrmaven.publish.VerifyRequest;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks that ECR lists an image as it was pushed: reads {@code target/ecr-image.json} of an earlier
 * {@code ecr:push}, or takes a digest and tags, and checks them against {@code DescribeImages},
 * including the manifest media type the report records, then optionally waits for the image scan
 * ({@code <scan>}) and judges its findings.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class VerifyMojo extends AbstractEcrMojo {

  /**
   * Skips this goal only (property {@code ecr.verify.skip}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.verify.skip", defaultValue = "false")
  Boolean verifySkip;

  /**
   * The image to check: {@code <digest>} (property {@code ecr.verify.digest}), a digest to check against the
   * configured repository and tags, or {@code <report>} (property {@code ecr.verify.report}), the push
   * report to read, by default {@code target/ecr-image.json}.
   *
   * @since 0.1.0
   */
  @Parameter
  VerifyParameters verify;

  /**
   * The scan gate, each value with its property: {@code <wait>} ({@code ecr.scan.wait}, default
   * {@code false}) waits for ECR's scan of the image after the verification; {@code <timeout>}
   * ({@code ecr.scan.timeout}, default {@code PT5M}) bounds the wait, as an ISO 8601 duration or whole
   * seconds; {@code <failOnSeverity>} ({@code ecr.scan.failOnSeverity}, default {@code HIGH}) fails the build
   * on a finding of that severity or higher: {@code CRITICAL}, {@code HIGH}, {@code MEDIUM}, {@code LOW},
   * {@code INFORMATIONAL}, {@code UNDEFINED}, or {@code NONE} to only report. A scan that is still pending
   * at the timeout, that failed, or that no scanning configuration starts fails the gate.
   *
   * @since 0.1.0
   */
  @Parameter
  ScanParameters scan;

  @Override
  String goal() {
    return "verify";
  }

  @Override
  void checkEnumeratedValues(ParameterLookup lookup) throws ConfigurationException {
    ScanGateParameters.checkFailOnSeverity(lookup, scan);
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    runGoal(verifySkip, () -> {
      new Verification(new MavenBuildLog(getLog())).verify(verifyRequest());
    });
  }

  private VerifyRequest verifyRequest() throws ConfigurationException {
    ParameterLookup lookup = lookup();
    ScanGateSettings scanGate = ScanGateParameters.settings(lookup, scan, getLog());
    VerifyParameters parameters = verify == null ? new VerifyParameters() : verify;
    String digest = lookup.string("ecr.verify.digest", parameters.digest, null);
    if (digest != null && !digest.isBlank()) {
      if (!PushReportFile.DIGEST.matcher(digest.trim()).matches()) {
        throw new ConfigurationException(
            "Invalid <verify><digest> (ecr.verify.digest) '" + digest + "': give a manifest digest, sha256: and 64"
                + " lowercase hexadecimal digits, such as the content of target/ecr-image.digest.");
      }
      TargetImage target = targetImage();
      return new VerifyRequest(target.repository(), target.registryId(),
          target.registry().map(registry -> registry.region()), digest.trim(), target.tags(), Optional.empty(),
          awsSettings(), scanGate);
    }
    Path report = Path.of(lookup.string("ecr.verify.report", parameters.report,
        Path.of(project.getBuild().getDirectory(), PushReport.JSON_FILE).toString()));
    return fromReport(report, scanGate);
  }

  private VerifyRequest fromReport(Path report, ScanGateSettings scanGate) throws ConfigurationException {
    PushReportFile read = PushReportFile.read(report, "give a digest with <verify><digest> (ecr.verify.digest)");
    return new VerifyRequest(read.repository(), read.registryId(), read.region(), read.digest(), read.tags(),
        read.manifestMediaType(), awsSettings(), scanGate);
  }
}
