package io.github.ecrmaven.image;

/** Helpers for image reference strings. */
final class ImageReferences {
  private ImageReferences() {}

  /** Returns {@code registry/repository} of a reference, without its tag or digest. */
  static String repositoryOf(String reference) {
    int at = reference.indexOf('@');
    String withoutDigest = at < 0 ? reference : reference.substring(0, at);
    int colon = withoutDigest.lastIndexOf(':');
    return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
  }
}
