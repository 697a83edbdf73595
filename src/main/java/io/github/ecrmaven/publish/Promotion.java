package io.github.ecrmaven.publish;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.EcrClients;
import io.github.ecrmaven.aws.RegionNames;
import io.github.ecrmaven.ecr.EcrAccessException;
import io.github.ecrmaven.ecr.EnsuredRepository;
import io.github.ecrmaven.ecr.ImageManifests;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.ImageVerifier;
import io.github.ecrmaven.ecr.ImmutableTagException;
import io.github.ecrmaven.ecr.RepositoryEnsurer;
import io.github.ecrmaven.ecr.VerifiedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Adds tags to an image that is already in ECR, for {@code ecr:tag}, without building or pushing it
 * again: the manifest is read with {@code BatchGetImage} and written under each new tag with
 * {@code PutImage}, following the same tag rules as {@code ecr:push}.
 */
public final class Promotion {
  private final BuildLog log;

  public Promotion(BuildLog log) {
    this.log = log;
  }

  /**
   * Tags the image and verifies every tag with {@code DescribeImages}.
   *
   * @throws ConfigurationException when a value is invalid
   * @throws PublishException when the repository or the image is missing, an immutable tag points at
   *     another image, or a call fails
   * @throws InterruptedException when the thread is interrupted while waiting for the verification
   */
  public VerifiedImage promote(PromotionRequest request)
      throws ConfigurationException, PublishException, InterruptedException {
    EcrClients.checkProfile(request.aws());
    String region = EcrClients.resolveRegion(request.aws(), request.registryRegion());
    RegionNames.warnIfUnknown(region, log);
    EcrClient client = EcrClients.get(region, request.aws());
    ImageManifests manifests = new ImageManifests(client);
    try {
      EnsuredRepository repository = new RepositoryEnsurer(client, log)
          .describe(request.repository(), request.registryId())
          .map(found -> RepositoryEnsurer.toEnsured(found, false))
          .orElseThrow(() -> new EcrAccessException("Repository " + request.repository() + " not found in the"
              + " registry " + request.registryId().orElse("of the current account") + ". ecr:tag adds tags to an"
              + " image that is already in ECR: check <repository> (ecr.repository) or <to><image>, or push the"
              + " image first with ecr:push."));
      // One call reads the source image and where the new tags point now.
      ImageManifests.SourceAndTags found = manifests.findWithTags(repository, request.source(), request.tags());
      ImageManifests.Manifest manifest = found.source()
          .orElseThrow(() -> new EcrAccessException("Image " + request.source() + " not found in repository "
              + repository.name() + ". Check <tag><source> (ecr.tag.source): a tag or a manifest digest of an"
              + " image in that repository."));

      TagPlan.warnSingleUseTags(repository, request.tags(), log);
      TagPlan plan = TagPlan.plan(repository, request.tags(), found.tagDigests(), Optional.of(manifest.digest()));
      writeTags(manifests, repository, manifest, plan);
      plan.logOutcome(repository, manifest.digest(), log);

      VerifiedImage verified = new ImageVerifier(client, log).verify(repository, manifest.digest(), request.tags());
      log.info("Tagged " + repository.repositoryUri() + "@" + manifest.digest() + " with "
          + request.tags().stream().map(ImageTag::value).collect(Collectors.joining(", ")));
      return verified;
    } catch (EcrAccessException e) {
      throw new PublishException(e.getMessage(), e);
    }
  }

  private static void writeTags(ImageManifests manifests, EnsuredRepository repository,
      ImageManifests.Manifest manifest, TagPlan plan) throws EcrAccessException {
    List<ImageTag> written = new ArrayList<>();
    for (ImageTag tag : plan.toPush()) {
      try {
        manifests.putTag(repository, manifest, tag);
        written.add(tag);
      } catch (ImmutableTagException e) {
        // Another build took the tag after the check. Say which tags this run had already moved.
        throw new ImmutableTagException(e.getMessage() + " Another build pushed the tag after this build checked"
            + " it. Tags this run had already written: " + (written.isEmpty() ? "none"
                : written.stream().map(ImageTag::value).collect(Collectors.joining(", "))) + ".", e);
      }
    }
  }
}
