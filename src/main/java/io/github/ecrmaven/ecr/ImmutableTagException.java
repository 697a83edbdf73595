package io.github.ecrmaven.ecr;

import java.util.Map;

/** A tag that cannot be moved to the new image, because it is immutable and points at another one. */
public final class ImmutableTagException extends EcrAccessException {
  private static final long serialVersionUID = 1L;

  public ImmutableTagException(String message) {
    super(message);
  }

  public ImmutableTagException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Builds the message for tags that point at other images than {@code newDigest}: each tag with its
   * current digest, then the remedy.
   */
  public static String message(EnsuredRepository repository, Map<ImageTag, String> currentDigests, String newDigest) {
    StringBuilder message = new StringBuilder();
    currentDigests.forEach((tag, current) -> message.append(message.isEmpty() ? "" : " ")
        .append("Tag ").append(tag).append(" of repository ").append(repository.name())
        .append(" is immutable and points at ").append(current).append(", but this image is ").append(newDigest)
        .append('.'));
    message.append(" ECR never moves an immutable tag. Use a tag that does not exist yet,"
        + " such as the next version. If the image was expected to be identical, check that the build is"
        + " reproducible: the creation time comes from project.build.outputTimestamp or <container><creationTime>."
        + " To allow moving such tags, change the repository's <imageTagMutability> or its exclusion filters.");
    return message.toString();
  }
}
