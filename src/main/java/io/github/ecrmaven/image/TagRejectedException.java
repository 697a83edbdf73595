package io.github.ecrmaven.image;

/**
 * A manifest push that the registry rejected with {@code TAG_INVALID}, which ECR sends when an
 * immutable tag already points at another image.
 */
public final class TagRejectedException extends ImageBuildException {
  private static final long serialVersionUID = 1L;

  public TagRejectedException(String registryMessage, Throwable cause) {
    super(registryMessage, cause);
  }
}
