package io.github.ecrmaven.publish;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.EcrClients;
import io.github.ecrmaven.aws.RegionNames;
import io.github.ecrmaven.ecr.EcrAccessException;
import io.github.ecrmaven.ecr.EnsuredRepository;
import io.github.ecrmaven.ecr.ImageScanGate;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.ImageVerifier;
import io.github.ecrmaven.ecr.VerifiedImage;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Checks an image that is already in ECR against {@code DescribeImages}, and optionally its scan findings, for
 * {@code ecr:verify}.
 */
public final class Verification {
  private final BuildLog log;

  public Verification(BuildLog log) {
    this.log = log;
  }

  /**
   * Verifies the digest, the tags and the manifest media type, then runs the scan gate when it is enabled.
   *
   * @throws ConfigurationException when a value is invalid
   * @throws PublishException when ECR lists something else, naming the expected and the listed values, or
   *     when the scan gate fails
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public VerifiedImage verify(VerifyRequest request)
      throws ConfigurationException, PublishException, InterruptedException {
    EcrClients.checkProfile(request.aws());
    String region = EcrClients.resolveRegion(request.aws(), request.registryRegion());
    RegionNames.warnIfUnknown(region, log);
    EcrClient client = EcrClients.get(region, request.aws());
    EnsuredRepository repository =
        new EnsuredRepository(request.repository(), request.registryId().orElse(null), request.repository().value(), false);
    try {
      VerifiedImage image = new ImageVerifier(client, log).verify(repository, request.digest(), request.tags());
      if (request.manifestMediaType().isPresent()
          && !request.manifestMediaType().get().equals(image.manifestMediaType())) {
        throw new PublishException(
            "Verification failed for " + request.repository() + "@" + request.digest() + ": ECR lists the manifest"
                + " media type " + image.manifestMediaType() + ", expected " + request.manifestMediaType().get()
                + ". The image in ECR is not the one that was built.",
            null);
      }
      log.info("Verified with DescribeImages: " + request.repository() + "@" + request.digest() + " has tags "
          + request.tags().stream().map(ImageTag::value).collect(Collectors.joining(", ")));
      if (request.scanGate().enabled()) {
        new ImageScanGate(client, log).check(repository, request.digest(), request.scanGate());
      }
      return image;
    } catch (EcrAccessException e) {
      throw new PublishException(e.getMessage(), e);
    }
  }
}
