package io.github.ecrmaven.ecr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;

/**
 * Reads and writes image manifests through the ECR API ({@code BatchGetImage}, {@code PutImage}),
 * which is how the plugin finds where tags point before it moves any, and how it adds tags to an
 * image without pushing it again.
 */
public final class ImageManifests {
  /** The media types the plugin reads manifests in; ECR returns each manifest as it was pushed. */
  private static final List<String> MEDIA_TYPES = List.of(
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.docker.distribution.manifest.list.v2+json");
  private static final int MAX_IMAGE_IDS = 100;

  /** A manifest as ECR stores it. */
  public record Manifest(String digest, String mediaType, String content) {}

  /** The result of {@link #putTag}. */
  public enum TagOutcome {
    /** The tag did not exist, or pointed at another image, and now points at the manifest. */
    WRITTEN,
    /** The tag already pointed at the manifest. */
    ALREADY_PRESENT
  }

  private final EcrClient client;

  public ImageManifests(EcrClient client) {
    this.client = client;
  }

  /**
   * Returns the digest that each existing tag of {@code tags} points at. Tags the repository does not
   * have are left out.
   *
   * @throws EcrAccessException when the call fails, or ECR cannot read a tag's image
   */
  public Map<ImageTag, String> tagDigests(EnsuredRepository repository, List<ImageTag> tags)
      throws EcrAccessException {
    Map<ImageTag, String> digests = new LinkedHashMap<>();
    for (int start = 0; start < tags.size(); start += MAX_IMAGE_IDS) {
      List<ImageIdentifier> ids = new ArrayList<>();
      for (ImageTag tag : tags.subList(start, Math.min(tags.size(), start + MAX_IMAGE_IDS))) {
        ids.add(ImageIdentifier.builder().imageTag(tag.value()).build());
      }
      BatchGetImageResponse response = batchGetImage(repository, ids);
      for (Image image : response.images()) {
        digests.put(new ImageTag(image.imageId().imageTag()), image.imageId().imageDigest());
      }
    }
    return digests;
  }

  /** The manifest of a source image, and the digest each existing tag of a list points at. */
  public record SourceAndTags(Optional<Manifest> source, Map<ImageTag, String> tagDigests) {}

  /**
   * Reads the manifest that {@code tagOrDigest} names and where each of {@code tags} points, in one
   * {@code BatchGetImage} call.
   *
   * @throws EcrAccessException when the call fails, or ECR cannot read one of the images
   */
  public SourceAndTags findWithTags(EnsuredRepository repository, String tagOrDigest, List<ImageTag> tags)
      throws EcrAccessException {
    if (tags.size() + 1 > MAX_IMAGE_IDS) {
      return new SourceAndTags(find(repository, tagOrDigest), tagDigests(repository, tags));
    }
    ImageIdentifier sourceId = identifier(tagOrDigest);
    List<ImageIdentifier> ids = new ArrayList<>(List.of(sourceId));
    // A tag that is also the source is requested once, and the source's result gives its digest.
    tags.stream().filter(tag -> !tag.value().equals(sourceId.imageTag()))
        .forEach(tag -> ids.add(ImageIdentifier.builder().imageTag(tag.value()).build()));
    Optional<Manifest> source = Optional.empty();
    Map<ImageTag, String> digests = new LinkedHashMap<>();
    for (Image image : batchGetImage(repository, ids).images()) {
      boolean isSource = sourceId.imageDigest() != null
          ? sourceId.imageDigest().equals(image.imageId().imageDigest())
          : sourceId.imageTag().equals(image.imageId().imageTag());
      if (isSource && source.isEmpty()) {
        source = Optional.of(new Manifest(image.imageId().imageDigest(), image.imageManifestMediaType(),
            image.imageManifest()));
      }
      if (image.imageId().imageTag() != null && tags.contains(new ImageTag(image.imageId().imageTag()))) {
        digests.put(new ImageTag(image.imageId().imageTag()), image.imageId().imageDigest());
      }
    }
    return new SourceAndTags(source, digests);
  }

  private static ImageIdentifier identifier(String tagOrDigest) {
    return tagOrDigest.startsWith("sha256:")
        ? ImageIdentifier.builder().imageDigest(tagOrDigest).build()
        : ImageIdentifier.builder().imageTag(tagOrDigest).build();
  }

  /**
   * Reads the manifest that a tag or a digest ({@code sha256:...}) names.
   *
   * @return the manifest, or empty when the repository has no such image
   * @throws EcrAccessException when the call fails, or ECR cannot read the image
   */
  public Optional<Manifest> find(EnsuredRepository repository, String tagOrDigest) throws EcrAccessException {
    return batchGetImage(repository, List.of(identifier(tagOrDigest))).images().stream().findFirst()
        .map(image -> new Manifest(image.imageId().imageDigest(), image.imageManifestMediaType(),
            image.imageManifest()));
  }

  /**
   * Points {@code tag} at {@code manifest}, which the repository must already hold.
   *
   * @throws ImmutableTagException when the tag is immutable and points at another image
   * @throws EcrAccessException when the call fails for another reason
   */
  public TagOutcome putTag(EnsuredRepository repository, Manifest manifest, ImageTag tag) throws EcrAccessException {
    try {
      client.putImage(request -> request.repositoryName(repository.name().value())
          .registryId(repository.registryId())
          .imageManifest(manifest.content())
          .imageManifestMediaType(manifest.mediaType())
          .imageDigest(manifest.digest())
          .imageTag(tag.value()));
      return TagOutcome.WRITTEN;
    } catch (ImageAlreadyExistsException e) {
      return TagOutcome.ALREADY_PRESENT;
    } catch (ImageTagAlreadyExistsException e) {
      String current = tagDigests(repository, List.of(tag)).getOrDefault(tag, "another image");
      throw new ImmutableTagException(ImmutableTagException.message(repository, Map.of(tag, current),
          manifest.digest()), e);
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "put tag " + tag + " in repository " + repository.name(), "ecr:PutImage");
    }
  }

  private BatchGetImageResponse batchGetImage(EnsuredRepository repository, List<ImageIdentifier> ids)
      throws EcrAccessException {
    BatchGetImageResponse response;
    try {
      response = client.batchGetImage(request -> request.repositoryName(repository.name().value())
          .registryId(repository.registryId())
          .acceptedMediaTypes(MEDIA_TYPES)
          .imageIds(ids));
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "read image manifests of repository " + repository.name(), "ecr:BatchGetImage");
    }
    for (ImageFailure failure : response.failures()) {
      if (!"ImageNotFound".equals(failure.failureCodeAsString())) {
        throw new EcrAccessException(
            "Failed to read image " + describe(failure.imageId()) + " of repository " + repository.name() + ": "
                + failure.failureCodeAsString() + ": " + failure.failureReason() + ".");
      }
    }
    return response;
  }

  private static String describe(ImageIdentifier id) {
    return id.imageTag() != null ? "tag " + id.imageTag() : id.imageDigest();
  }
}
