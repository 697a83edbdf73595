package io.github.ecrmaven.publish;

import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.RepositoryName;
import io.github.ecrmaven.ecr.ScanGateSettings;
import java.util.List;
import java.util.Optional;

/**
 * The image {@code ecr:verify} checks: a repository, a digest that must be listed under every tag, and
 * the expected manifest media type.
 *
 * @param repository the repository
 * @param registryId the registry's account, or empty for the caller's own
 * @param registryRegion the region the push report or reference names, or empty
 * @param digest the manifest digest
 * @param tags the tags that must point at the digest
 * @param manifestMediaType the expected manifest media type, or empty to accept any
 * @param aws how to reach AWS
 * @param scanGate whether to wait for the image scan after the verification, and when to fail on its findings
 */
public record VerifyRequest(
    RepositoryName repository,
    Optional<String> registryId,
    Optional<String> registryRegion,
    String digest,
    List<ImageTag> tags,
    Optional<String> manifestMediaType,
    AwsSettings aws,
    ScanGateSettings scanGate) {

  /** Creates a request without a scan gate. */
  public VerifyRequest(RepositoryName repository, Optional<String> registryId, Optional<String> registryRegion,
      String digest, List<ImageTag> tags, Optional<String> manifestMediaType, AwsSettings aws) {
    this(repository, registryId, registryRegion, digest, tags, manifestMediaType, aws, ScanGateSettings.disabled());
  }
}
