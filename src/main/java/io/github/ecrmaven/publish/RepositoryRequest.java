package io.github.ecrmaven.publish;

import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.RepositoryName;
import io.github.ecrmaven.ecr.RepositorySettings;
import java.util.Optional;

/**
 * A request to make sure one repository exists with its settings, as {@code ecr:create-repository} makes.
 *
 * @param repository the repository name
 * @param registryId the account of a registry that a full reference names, or empty for the caller's own
 * @param registryRegion the region of that registry, or empty
 * @param aws the region, endpoint and profile settings
 * @param settings the configured repository settings
 * @param updateRepositorySettings whether to change differing settings of an existing repository
 */
public record RepositoryRequest(
    RepositoryName repository,
    Optional<String> registryId,
    Optional<String> registryRegion,
    AwsSettings aws,
    RepositorySettings settings,
    boolean updateRepositorySettings) {}
