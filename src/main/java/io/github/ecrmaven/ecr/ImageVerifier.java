package io.github.ecrmaven.ecr;

import io.github.ecrmaven.BuildLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;

/**
 * Checks with {@code DescribeImages} that ECR lists a pushed digest and that every tag points at it.
 *
 * <p>A freshly pushed image can take a moment to be listed, so a missing image or tag is retried with
 * a growing pause until the time limit passes.
 */
public final class ImageVerifier {
  static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

  private final EcrClient client;
  private final BuildLog log;
  private final Duration timeLimit;

  public ImageVerifier(EcrClient client, BuildLog log) {
    this(client, log, DEFAULT_TIME_LIMIT);
  }

  ImageVerifier(EcrClient client, BuildLog log, Duration timeLimit) {
    this.client = client;
    this.log = log;
    this.timeLimit = timeLimit;
  }

  /**
   * Verifies that the repository lists {@code digest} with every tag in {@code tags}.
   *
   * @throws EcrAccessException when the digest or a tag is still wrong at the time limit; the message
   *     shows the expected and the listed digest
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public VerifiedImage verify(EnsuredRepository repository, String digest, List<ImageTag> tags)
      throws EcrAccessException, InterruptedException {
    long deadline = System.nanoTime() + timeLimit.toNanos();
    Duration pause = FIRST_PAUSE;
    while (true) {
      Optional<ImageDetail> image = describeDigest(repository, digest);
      List<ImageTag> missing = missingTags(image, tags);
      if (image.isPresent() && missing.isEmpty()) {
        ImageDetail detail = image.get();
        return new VerifiedImage(digest, detail.imageTags(), detail.imagePushedAt(), detail.imageSizeInBytes(),
            detail.imageManifestMediaType());
      }
      if (System.nanoTime() + pause.toNanos() > deadline) {
        throw failure(repository, digest, image, missing);
      }
      log.debug("ECR does not list " + digest + " with every tag yet; checking again in " + pause.toMillis() + " ms");
      Thread.sleep(pause.toMillis());
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }

  private static List<ImageTag> missingTags(Optional<ImageDetail> image, List<ImageTag> tags) {
    List<ImageTag> missing = new ArrayList<>();
    List<String> listed = image.map(ImageDetail::imageTags).orElse(List.of());
    for (ImageTag tag : tags) {
      if (!listed.contains(tag.value())) {
        missing.add(tag);
      }
    }
    return missing;
  }

  private EcrAccessException failure(
      EnsuredRepository repository, String digest, Optional<ImageDetail> image, List<ImageTag> missing)
      throws EcrAccessException {
    if (image.isEmpty()) {
      return new EcrAccessException(
          "Verification failed: ECR does not list the image " + digest + " in repository " + repository.name()
              + " after " + String.format(java.util.Locale.ROOT, "%.1f", timeLimit.toMillis() / 1000.0)
              + " s. Check the digest and the repository; if the image was"
              + " pushed, check the repository's lifecycle policy and whether another process deletes images.");
    }
    StringBuilder message = new StringBuilder("Verification failed for repository " + repository.name() + ":");
    for (ImageTag tag : missing) {
      String listed = describeTag(repository, tag).map(ImageDetail::imageDigest).orElse("no image");
      message.append(" tag ").append(tag).append(" points at ").append(listed).append(", expected ").append(digest)
          .append(';');
    }
    message.setLength(message.length() - 1);
    message.append(". Another build may have moved the tag: push again, or check who else pushes these tags.");
    return new EcrAccessException(message.toString());
  }

  private Optional<ImageDetail> describeDigest(EnsuredRepository repository, String digest)
      throws EcrAccessException {
    return describe(repository, ImageIdentifier.builder().imageDigest(digest).build());
  }

  private Optional<ImageDetail> describeTag(EnsuredRepository repository, ImageTag tag) throws EcrAccessException {
    return describe(repository, ImageIdentifier.builder().imageTag(tag.value()).build());
  }

  private Optional<ImageDetail> describe(EnsuredRepository repository, ImageIdentifier id)
      throws EcrAccessException {
    try {
      return client
          .describeImages(
              request ->
                  request
                      .repositoryName(repository.name().value())
                      .registryId(repository.registryId())
                      .imageIds(id))
          .imageDetails()
          .stream()
          .findFirst();
    } catch (ImageNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "describe images in repository " + repository.name(), "ecr:DescribeImages");
    }
  }
}
