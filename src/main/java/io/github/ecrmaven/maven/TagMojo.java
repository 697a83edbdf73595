package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.publish.Promotion;
import io.github.ecrmaven.publish.PromotionRequest;
import io.github.ecrmaven.publish.PushReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Adds tags to an image that is already in ECR, such as {@code staging} or {@code prod} for a tested
 * release, without building or pushing it again. An immutable tag that points at another image stops
 * the goal before any tag is written, as in {@code ecr:push}.
 */
@Mojo(name = "tag", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class TagMojo extends AbstractEcrMojo {

  /**
   * Skips this goal only (property {@code ecr.tag.skip}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.tag.skip", defaultValue = "false")
  Boolean tagSkip;

  /**
   * The image to tag and the tags to add: {@code <source>} (property {@code ecr.tag.source}), a tag or
   * digest of the image, by default the push report's; and {@code <tags>} (property
   * {@code ecr.tag.tags}), the tags to add.
   *
   * @since 0.1.0
   */
  @Parameter
  TagParameters tag;

  @Override
  String goal() {
    return "tag";
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    runGoal(tagSkip, () -> new Promotion(new MavenBuildLog(getLog())).promote(promotionRequest()));
  }

  private PromotionRequest promotionRequest() throws ConfigurationException {
    ParameterLookup lookup = lookup();
    TagParameters parameters = tag == null ? new TagParameters() : tag;
    List<ImageTag> tags = new ArrayList<>();
    for (String value : lookup.list("ecr.tag.tags", parameters.tags, List.of())) {
      tags.add(ImageTag.parse(value.trim(), "<tag><tags> (ecr.tag.tags)"));
    }
    if (tags.isEmpty()) {
      throw new ConfigurationException("No tags to add: give them in <tag><tags> (ecr.tag.tags), such as"
          + " -Decr.tag.tags=staging.");
    }

    String source = lookup.string("ecr.tag.source", parameters.source, null);
    if (source == null || source.isBlank()) {
      return fromReport(Path.of(project.getBuild().getDirectory(), PushReport.JSON_FILE), tags);
    }
    source = source.trim();
    if (source.startsWith("sha256:") && !PushReportFile.DIGEST.matcher(source).matches()) {
      throw new ConfigurationException("Invalid <tag><source> (ecr.tag.source) '" + source + "': a digest is"
          + " sha256: and 64 lowercase hexadecimal digits, such as the content of target/ecr-image.digest.");
    }
    if (!source.startsWith("sha256:")) {
      ImageTag.parse(source, "<tag><source> (ecr.tag.source)");
    }
    TargetImage target = targetImage();
    return new PromotionRequest(target.repository(), target.registryId(),
        target.registry().map(registry -> registry.region()), source, tags, awsSettings());
  }

  private PromotionRequest fromReport(Path report, List<ImageTag> tags) throws ConfigurationException {
    PushReportFile read = PushReportFile.read(report, "give a tag or digest of the image in <tag><source>"
        + " (ecr.tag.source)");
    return new PromotionRequest(read.repository(), read.registryId(), read.region(), read.digest(), tags,
        awsSettings());
  }
}
