package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
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
 * including the manifest media type the report records.
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

  @Override
  String goal() {
    return "verify";
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    runGoal(verifySkip, () -> {
      new Verification(new MavenBuildLog(getLog())).verify(verifyRequest());
    });
  }

  private VerifyRequest verifyRequest() throws ConfigurationException {
    ParameterLookup lookup = lookup();
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
          awsSettings());
    }
    Path report = Path.of(lookup.string("ecr.verify.report", parameters.report,
        Path.of(project.getBuild().getDirectory(), PushReport.JSON_FILE).toString()));
    return fromReport(report);
  }

  private VerifyRequest fromReport(Path report) throws ConfigurationException {
    PushReportFile read = PushReportFile.read(report, "give a digest with <verify><digest> (ecr.verify.digest)");
    return new VerifyRequest(read.repository(), read.registryId(), read.region(), read.digest(), read.tags(),
        read.manifestMediaType(), awsSettings());
  }
}
