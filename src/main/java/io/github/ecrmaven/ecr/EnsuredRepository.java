package io.github.ecrmaven.ecr;

/**
 * A repository that exists in ECR.
 *
 * @param name the repository name
 * @param registryId the account ID of the registry that contains it
 * @param repositoryUri the URI to push to, {@code <registry host>/<name>}
 * @param created whether this build created it
 */
public record EnsuredRepository(RepositoryName name, String registryId, String repositoryUri, boolean created) {

  /** Returns the registry host part of the repository URI. */
  public String registryHost() {
    return repositoryUri.substring(0, repositoryUri.length() - name.value().length() - 1);
  }
}
