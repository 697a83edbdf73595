package io.github.ecrmaven.ecr;

import java.time.Instant;
import java.util.List;

/**
 * An image as ECR lists it after a successful verification.
 *
 * @param digest the manifest digest
 * @param tags every tag ECR lists for the digest, which includes the pushed ones
 * @param pushedAt when ECR recorded the push
 * @param sizeInBytes the image size ECR reports
 * @param manifestMediaType the media type of the image manifest, such as
 *     {@code application/vnd.docker.distribution.manifest.v2+json}
 */
public record VerifiedImage(
    String digest, List<String> tags, Instant pushedAt, Long sizeInBytes, String manifestMediaType) {}
