package io.github.ecrmaven.ecr;

/**
 * A repository that exists in ECR.
 *
 * @param name the repository name
 * @param registryId the account ID of the registry that contains it
 * @param repositoryUri the URI to push to, {@code <registry host>/<name>}
 * @param created whether this build created it
 * @param tagRules which of its tags cannot move to another image
 */
public record EnsuredRepository(
    RepositoryName name, String registryId, String repositoryUri, boolean created, TagMutabilityRules tagRules) {

  /** Creates a repository whose tag mutability is unknown to the caller and treated as {@code MUTABLE}. */
  public EnsuredRepository(RepositoryName name, String registryId, String repositoryUri, boolean created) {
    this(name, registryId, repositoryUri, created, TagMutabilityRules.MUTABLE);
  }

  /** Returns the registry host part of the repository URI. */
  public String registryHost() {
    return repositoryUri.substring(0, repositoryUri.length() - name.value().length() - 1);
  }
}
