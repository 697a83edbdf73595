package io.github.ecrmaven.image;

/**
 * An image Jib built and pushed.
 *
 * @param digest the manifest digest, {@code sha256:...}
 * @param imageId the image ID, which is the digest of the image configuration
 */
public record BuiltImage(String digest, String imageId) {}
