package io.github.ecrmaven.ecr;

import io.github.ecrmaven.BuildLog;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** Makes sure the target repository exists, creating it when the configuration allows. */
public final class RepositoryEnsurer {
  private final EcrClient client;
  private final BuildLog log;

  public RepositoryEnsurer(EcrClient client, BuildLog log) {
    this.client = client;
    this.log = log;
  }

  /**
   * Looks the repository up and creates it when it is missing and {@code creation} is {@code CREATE}.
   * Another build creating the same repository at the same moment counts as success.
   *
   * @param registryId the account that owns the registry, or empty for the caller's own
   * @throws EcrAccessException when the repository is missing and must not be created, or a call fails
   */
  public EnsuredRepository ensure(
      RepositoryName name, Optional<String> registryId, RepositoryCreation creation, RepositorySettings settings)
      throws EcrAccessException {
    Optional<Repository> existing = describe(name, registryId);
    if (existing.isPresent()) {
      log.debug("Repository " + name + " exists: " + existing.get().repositoryUri());
      return toEnsured(existing.get(), false);
    }
    if (creation == RepositoryCreation.REQUIRE) {
      throw new EcrAccessException(
          "Repository " + name + " not found in the registry " + registryId.orElse("of the current account")
              + ", and <repositoryCreation> is 'require'. Create it first, for example with"
              + " 'aws ecr create-repository --repository-name " + name + "', or set <repositoryCreation> to"
              + " 'create'.");
    }
    return create(name, registryId, settings);
  }

  private Optional<Repository> describe(RepositoryName name, Optional<String> registryId)
      throws EcrAccessException {
    try {
      return client
          .describeRepositories(
              request -> request.repositoryNames(name.value()).registryId(registryId.orElse(null)))
          .repositories()
          .stream()
          .findFirst();
    } catch (RepositoryNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "describe repository " + name, "ecr:DescribeRepositories");
    }
  }

  private EnsuredRepository create(RepositoryName name, Optional<String> registryId, RepositorySettings settings)
      throws EcrAccessException {
    try {
      CreateRepositoryResponse response =
          client.createRepository(
              request ->
                  request
                      .repositoryName(name.value())
                      .registryId(registryId.orElse(null))
                      .imageTagMutability(settings.imageTagMutability())
                      .imageScanningConfiguration(scanning -> scanning.scanOnPush(settings.scanOnPush())));
      Repository repository = response.repository();
      log.info(
          "Created repository " + name + " (tags " + settings.imageTagMutability()
              + ", scan on push " + (settings.scanOnPush() ? "on" : "off") + ")");
      return toEnsured(repository, true);
    } catch (RepositoryAlreadyExistsException e) {
      // Another build, such as a parallel module or CI job, created it after our lookup.
      log.debug("Repository " + name + " was created concurrently by another build");
      return describe(name, registryId)
          .map(repository -> toEnsured(repository, false))
          .orElseThrow(
              () -> new EcrAccessException("Repository " + name + " was reported as existing but is not found."));
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "create repository " + name, "ecr:CreateRepository");
    }
  }

  private static EnsuredRepository toEnsured(Repository repository, boolean created) {
    return new EnsuredRepository(
        new RepositoryName(repository.repositoryName()),
        repository.registryId(),
        repository.repositoryUri(),
        created);
  }
}
