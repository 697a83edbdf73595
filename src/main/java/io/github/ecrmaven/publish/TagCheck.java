package io.github.ecrmaven.publish;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ecr.EcrAccessException;
import io.github.ecrmaven.ecr.EnsuredRepository;
import io.github.ecrmaven.ecr.ImageManifests;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.ImmutableTagException;
import io.github.ecrmaven.image.ApplicationImage;
import io.github.ecrmaven.image.BuiltImage;
import io.github.ecrmaven.image.ImageBuildException;
import io.github.ecrmaven.image.JibImageBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Looks up the configured tags before the push and plans what the push writes. When an immutable tag
 * exists, it needs the new image's digest before anything is pushed, and Jib reports a digest only
 * after a build, so the image is first built into a temporary tarball.
 */
final class TagCheck {
  private static final String DIGEST_TARBALL = "ecr-digest-check.tar";

  /**
   * The plan, and the image built to learn its digest, if one was.
   */
  record Result(TagPlan plan, Optional<BuiltImage> localBuild) {}

  private final ImageManifests manifests;
  private final BuildLog log;

  TagCheck(ImageManifests manifests, BuildLog log) {
    this.manifests = manifests;
    this.log = log;
  }

  /**
   * Plans the push of {@code tags} into an existing repository.
   *
   * @throws ImmutableTagException when an immutable tag points at another image than the new one
   * @throws EcrAccessException when the tags cannot be looked up
   * @throws ImageBuildException when the image cannot be built to learn its digest
   */
  Result check(EnsuredRepository repository, List<ImageTag> tags, ApplicationImage image, JibImageBuilder builder,
      Path buildDirectory) throws EcrAccessException, ImageBuildException, InterruptedException {
    Map<ImageTag, String> current = manifests.tagDigests(repository, tags);
    if (!TagPlan.needsNewDigest(repository.tagRules(), current)) {
      return new Result(TagPlan.plan(repository, tags, current, Optional.empty()), Optional.empty());
    }

    Map<ImageTag, String> immutable = current.entrySet().stream()
        .filter(entry -> repository.tagRules().isImmutable(entry.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
    if (image.container().platforms().size() > 1) {
      // NOTE: the digest of an image index is known only after the push, because a tarball contains one
      // platform, so an existing immutable tag cannot be compared ahead.
      throw new ImmutableTagException(ImmutableTagException.message(repository, immutable,
          "an image index for " + String.join(", ", image.container().platforms()) + ", whose digest is known only"
              + " after its push")
          + " No tag was written.");
    }
    if (image.container().creationTime().isEmpty()) {
      throw new ImmutableTagException(ImmutableTagException.message(repository, immutable,
          "a new image whose creation time is the current time, so its digest differs from every earlier build")
          + " No tag was written.");
    }
    log.info("Immutable tag " + immutable.keySet().stream().map(ImageTag::value).collect(Collectors.joining(", "))
        + " already exists: building the image locally first, to compare its digest before pushing");
    BuiltImage built = buildForDigest(repository, tags, image, builder, buildDirectory);
    return new Result(TagPlan.plan(repository, tags, current, Optional.of(built.digest())), Optional.of(built));
  }

  private BuiltImage buildForDigest(EnsuredRepository repository, List<ImageTag> tags, ApplicationImage image,
      JibImageBuilder builder, Path buildDirectory) throws ImageBuildException, InterruptedException {
    Path tarball = buildDirectory.resolve(DIGEST_TARBALL);
    try {
      Files.createDirectories(buildDirectory);
      return builder.buildTarball(image, tarball, repository.name().value() + ":" + tags.get(0).value(), List.of());
    } catch (IOException e) {
      throw new ImageBuildException("Failed to create " + buildDirectory + " for " + DIGEST_TARBALL + ": " + e, e);
    } finally {
      try {
        Files.deleteIfExists(tarball);
      } catch (IOException e) {
        // The tarball is only a by-product, and the next build replaces a leftover one.
        log.debug("Failed to delete " + tarball + ": " + e);
      }
    }
  }
}
