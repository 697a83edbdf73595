package io.github.ecrmaven.publish;

import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.RepositoryName;
import java.util.List;
import java.util.Optional;

/**
 * The tags {@code ecr:tag} adds to an image that is already in ECR.
 *
 * @param repository the repository that contains the image
 * @param registryId the registry's account, or empty for the caller's own
 * @param registryRegion the region the push report or reference names, or empty
 * @param source the image to tag: a tag, or a manifest digest {@code sha256:...}
 * @param tags the tags to point at the image
 * @param aws how to reach AWS
 */
public record PromotionRequest(
    RepositoryName repository,
    Optional<String> registryId,
    Optional<String> registryRegion,
    String source,
    List<ImageTag> tags,
    AwsSettings aws) {

  public PromotionRequest {
    tags = List.copyOf(tags);
  }
}
