package io.github.ecrmaven.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A verified publication, as the push report records it.
 *
 * @param image the image name, {@code <registry host>/<repository>}
 * @param imageDigest the manifest digest
 * @param imageId the image configuration digest Jib reports
 * @param tags the pushed tags
 * @param repositoryName the repository name
 * @param registryId the account ID of the registry
 * @param region the AWS region
 * @param pushedAt when ECR recorded the push
 * @param manifestMediaType the media type of the pushed manifest, as ECR lists it
 * @param duration how long the publication took
 */
public record PublishResult(
    String image,
    String imageDigest,
    String imageId,
    List<String> tags,
    String repositoryName,
    String registryId,
    String region,
    Instant pushedAt,
    String manifestMediaType,
    Duration duration) {

  public PublishResult {
    tags = List.copyOf(tags);
  }

  /** Returns the immutable reference to the pushed image, {@code <image>@<digest>}. */
  public String imageUri() {
    return image + "@" + imageDigest;
  }
}
