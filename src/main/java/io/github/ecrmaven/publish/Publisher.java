package io.github.ecrmaven.publish;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.EcrClients;
import io.github.ecrmaven.ecr.AuthorizationTokens;
import io.github.ecrmaven.ecr.EcrAccessException;
import io.github.ecrmaven.ecr.EcrRegistry;
import io.github.ecrmaven.ecr.EnsuredRepository;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.ImageVerifier;
import io.github.ecrmaven.ecr.RegistryCredential;
import io.github.ecrmaven.ecr.RepositoryEnsurer;
import io.github.ecrmaven.ecr.VerifiedImage;
import io.github.ecrmaven.image.ApplicationImage;
import io.github.ecrmaven.image.BuiltImage;
import io.github.ecrmaven.image.ImageBuildException;
import io.github.ecrmaven.image.JibImageBuilder;
import io.github.ecrmaven.image.MainClassResolver;
import io.github.ecrmaven.image.RegistryAccess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Publishes one image: ensure the repository, get a token, build and push with Jib, verify with
 * {@code DescribeImages}, write the push report. This class alone defines the order of the steps.
 */
public final class Publisher {
  private final BuildLog log;

  public Publisher(BuildLog log) {
    this.log = log;
  }

  /**
   * Runs the publication. Every configuration check happens before the first AWS call.
   *
   * @throws ConfigurationException when a value is invalid
   * @throws PublishException when an AWS call, the build, the push or the verification fails
   * @throws InterruptedException when the build is interrupted
   */
  public PublishResult publish(PublishRequest request)
      throws ConfigurationException, PublishException, InterruptedException {
    long start = System.nanoTime();
    Optional<EcrRegistry> targetRegistry = request.target().registry();
    EcrClients.checkProfile(request.aws());
    String region = EcrClients.resolveRegion(request.aws(), targetRegistry.map(EcrRegistry::region));
    ImageReference baseImage = parseBaseImage(request.baseImage());
    String mainClass =
        MainClassResolver.resolve(
            request.container().mainClass(),
            request.manifestMainClass(),
            request.layers(),
            log);
    deleteStaleReports(request);

    EcrClient client = EcrClients.get(region, request.aws());
    try {
      EnsuredRepository repository =
          new RepositoryEnsurer(client, log)
              .ensure(
                  request.target().repository(),
                  targetRegistry.map(EcrRegistry::accountId),
                  request.repositoryCreation(),
                  request.repositorySettings());
      RegistryCredential credential = AuthorizationTokens.shared().get(client);
      String registryHost = targetRegistry.map(EcrRegistry::host).orElse(repository.registryHost());
      String image = registryHost + "/" + repository.name();

      List<String> tags = request.target().tags().stream().map(ImageTag::value).toList();
      log.info("Building " + image + " from " + baseImage + " (main class " + mainClass + ")");
      ApplicationImage application =
          new ApplicationImage(
              baseImageAccess(baseImage, registryHost, region, credential),
              request.layers(),
              mainClass,
              request.container());
      BuiltImage built =
          new JibImageBuilder(log, request.buildDirectory().resolve("ecr-cache"))
              .push(
                  application,
                  RegistryAccess.withCredential(
                      image + ":" + tags.get(0), credential.username(), credential.password()),
                  tags.subList(1, tags.size()));

      VerifiedImage verified =
          new ImageVerifier(client, log).verify(repository, built.digest(), request.target().tags());
      log.info("Verified with DescribeImages: " + image + "@" + verified.digest() + " has tags " + String.join(", ", tags));

      PublishResult result =
          new PublishResult(
              image,
              built.digest(),
              built.imageId(),
              tags,
              repository.name().value(),
              repository.registryId(),
              region,
              verified.pushedAt(),
              Duration.ofNanos(System.nanoTime() - start));
      PushReport.write(request.buildDirectory(), result);
      return result;
    } catch (EcrAccessException | ImageBuildException e) {
      throw new PublishException(e.getMessage(), e);
    } catch (IOException e) {
      throw new PublishException("Failed to write the push report in " + request.buildDirectory() + ": " + e, e);
    }
  }

  private static ImageReference parseBaseImage(String reference) throws ConfigurationException {
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new ConfigurationException(
          "Invalid <from><image> (ecr.from.image) '" + reference + "': give an image reference such as"
              + " eclipse-temurin:17-jre or 123456789012.dkr.ecr.eu-west-1.amazonaws.com/base/java:17.",
          e);
    }
  }

  /**
   * Chooses the base image's credential: the target's token when the base image is in the same
   * registry or another ECR registry of the same region (one token covers both), else anonymous.
   */
  private static RegistryAccess baseImageAccess(
      ImageReference baseImage, String targetHost, String region, RegistryCredential credential) {
    String host = baseImage.getRegistry();
    boolean sameRegistry = host.equalsIgnoreCase(targetHost);
    boolean sameRegionEcr = EcrRegistry.parse(host).map(registry -> registry.region().equals(region)).orElse(false);
    if (sameRegistry || sameRegionEcr) {
      return RegistryAccess.withCredential(baseImage.toString(), credential.username(), credential.password());
    }
    // NOTE: base images in ECR registries of other regions, or in private non-ECR registries, are
    // pulled anonymously for now.
    return RegistryAccess.anonymous(baseImage.toString());
  }

  private static void deleteStaleReports(PublishRequest request) throws PublishException {
    try {
      PushReport.deleteStale(request.buildDirectory());
    } catch (IOException e) {
      throw new PublishException(
          "Failed to delete the push report of an earlier run in " + request.buildDirectory() + ": " + e, e);
    }
  }
}
