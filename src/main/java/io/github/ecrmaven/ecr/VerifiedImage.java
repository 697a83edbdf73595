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
 */
public record VerifiedImage(String digest, List<String> tags, Instant pushedAt, Long sizeInBytes) {}
