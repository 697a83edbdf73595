package io.github.ecrmaven.ecr;

import io.github.ecrmaven.BuildLog;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.KmsException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Makes sure the target repository exists with the configured settings: creates it when the
 * configuration allows, and compares an existing one with the settings.
 */
public final class RepositoryEnsurer {
  private final EcrClient client;
  private final BuildLog log;

  public RepositoryEnsurer(EcrClient client, BuildLog log) {
    this.client = client;
    this.log = log;
  }

  /**
   * Looks the repository up; checks an existing one against {@code settings}, and handles a missing
   * one as {@code creation} specifies. Another build creating the same repository at the same moment counts
   * as success.
   *
   * @param registryId the account that owns the registry, or empty for the caller's own
   * @param update whether to change differing settings of an existing repository in place
   * @return the repository, or empty when it is missing and {@code creation} is {@code ON_PUSH}
   * @throws EcrAccessException when the repository is missing and must not be created, or a call fails
   */
  public Optional<EnsuredRepository> ensure(
      RepositoryName name,
      Optional<String> registryId,
      RepositoryCreation creation,
      RepositorySettings settings,
      boolean update)
      throws EcrAccessException {
    Optional<Repository> existing = describe(name, registryId);
    if (existing.isPresent()) {
      log.debug("Repository " + name + " exists: " + existing.get().repositoryUri());
      new RepositorySettingsCheck(client, log).check(existing.get(), settings, update);
      EnsuredRepository ensured = toEnsured(existing.get(), false);
      if (update && settings.imageTagMutability().isPresent()) {
        // The check has just changed the tag mutability to the configured one, if it differed.
        TagMutabilityRules configured =
            new TagMutabilityRules(settings.imageTagMutability().get().toString(), settings.exclusionFilters());
        ensured = new EnsuredRepository(ensured.name(), ensured.registryId(), ensured.repositoryUri(), false,
            configured);
      }
      return Optional.of(ensured);
    }
    switch (creation) {
      case REQUIRE:
        throw new EcrAccessException(
            "Repository " + name + " not found in the registry " + registryId.orElse("of the current account")
                + ", and <repositoryCreation> is 'require'. Create it first, for example with"
                + " 'aws ecr create-repository --repository-name " + name + "', or set <repositoryCreation> to"
                + " 'create'.");
      case ON_PUSH:
        log.info("Repository " + name + " does not exist yet; ECR creates it on push from a repository creation"
            + " template (<repositoryCreation> is 'on-push')");
        return Optional.empty();
      default:
        return Optional.of(create(name, registryId, settings));
    }
  }

  /**
   * Looks a repository up by name.
   *
   * @return the repository, or empty when ECR does not know it
   * @throws EcrAccessException when the call fails for another reason
   */
  public Optional<Repository> describe(RepositoryName name, Optional<String> registryId) throws EcrAccessException {
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
      EcrAccessException translated = EcrErrors.translate(e, "describe repository " + name, "ecr:DescribeRepositories");
      throw registryId.isPresent() ? withCrossAccountHint(translated, name, registryId.get(), e) : translated;
    }
  }

  /** Adds what a push into a registry of another account needs to a failure there. */
  private static EcrAccessException withCrossAccountHint(
      EcrAccessException translated, RepositoryName name, String registryId, Exception cause) {
    return new EcrAccessException(
        translated.getMessage() + " Repository " + name + " is in registry " + registryId + ". If that registry"
            + " belongs to another account, an administrator of that account must create the repository and give"
            + " it a repository policy that allows your principal ecr:DescribeRepositories,"
            + " ecr:BatchCheckLayerAvailability, ecr:InitiateLayerUpload, ecr:UploadLayerPart,"
            + " ecr:CompleteLayerUpload, ecr:PutImage, ecr:BatchGetImage and ecr:DescribeImages.",
        cause);
  }

  private EnsuredRepository create(RepositoryName name, Optional<String> registryId, RepositorySettings settings)
      throws EcrAccessException {
    Repository repository;
    try {
      repository = client.createRepository(createRequest(name, registryId, settings)).repository();
    } catch (RepositoryAlreadyExistsException e) {
      // Another build, such as a parallel module or CI job, created it after our lookup.
      log.debug("Repository " + name + " was created concurrently by another build");
      Repository concurrent =
          describe(name, registryId)
              .orElseThrow(() -> new EcrAccessException(
                  "Repository " + name + " was reported as existing but is not found."));
      new RepositorySettingsCheck(client, log).check(concurrent, settings, false);
      return toEnsured(concurrent, false);
    } catch (KmsException e) {
      String key = settings.encryption().flatMap(EncryptionSettings::kmsKey).orElse("the AWS managed key aws/ecr");
      throw new EcrAccessException(
          "Failed to create repository " + name + " encrypted with KMS key " + key + ": " + e.awsErrorDetails().errorMessage()
              + (e.kmsError() == null ? "" : " (KMS error " + e.kmsError() + ")") + ". The caller needs"
              + " kms:CreateGrant and kms:DescribeKey on that key, and the key must be enabled and in the region"
              + " of the repository.",
          e);
    } catch (SdkException e) {
      EcrAccessException translated = EcrErrors.translate(e, "create repository " + name, "ecr:CreateRepository");
      throw registryId.isPresent() ? withCrossAccountHint(translated, name, registryId.get(), e) : translated;
    }
    log.info("Created repository " + name + describeSettings(repository));
    putPolicies(name, repository.registryId(), settings);
    return toEnsured(repository, true);
  }

  private static CreateRepositoryRequest createRequest(
      RepositoryName name, Optional<String> registryId, RepositorySettings settings) {
    CreateRepositoryRequest.Builder request =
        CreateRepositoryRequest.builder().repositoryName(name.value()).registryId(registryId.orElse(null));
    settings.imageTagMutability().ifPresent(request::imageTagMutability);
    if (!settings.exclusionFilters().isEmpty()) {
      request.imageTagMutabilityExclusionFilters(RepositorySettingsCheck.exclusionFilters(settings));
    }
    settings.scanOnPush().ifPresent(scan -> request.imageScanningConfiguration(scanning -> scanning.scanOnPush(scan)));
    settings.encryption().ifPresent(encryption -> request.encryptionConfiguration(
        configuration -> configuration.encryptionType(encryption.type()).kmsKey(encryption.kmsKey().orElse(null))));
    if (!settings.tags().isEmpty()) {
      request.tags(RepositorySettingsCheck.tags(settings));
    }
    return request.build();
  }

  private void putPolicies(RepositoryName name, String registryId, RepositorySettings settings)
      throws EcrAccessException {
    if (settings.lifecyclePolicy().isPresent()) {
      try {
        client.putLifecyclePolicy(request -> request.repositoryName(name.value()).registryId(registryId)
            .lifecyclePolicyText(settings.lifecyclePolicy().get().text()));
      } catch (SdkException e) {
        throw EcrErrors.translate(e, "put the lifecycle policy of repository " + name, "ecr:PutLifecyclePolicy");
      }
      log.info("Put the lifecycle policy from " + settings.lifecyclePolicy().get().origin() + " on repository " + name);
    }
    if (settings.repositoryPolicy().isPresent()) {
      try {
        client.setRepositoryPolicy(request -> request.repositoryName(name.value()).registryId(registryId)
            .policyText(settings.repositoryPolicy().get().text()));
      } catch (SdkException e) {
        throw EcrErrors.translate(e, "set the repository policy of repository " + name, "ecr:SetRepositoryPolicy");
      }
      log.info("Set the repository policy from " + settings.repositoryPolicy().get().origin() + " on repository "
          + name);
    }
  }

  private static String describeSettings(Repository repository) {
    boolean scan = repository.imageScanningConfiguration() != null
        && Boolean.TRUE.equals(repository.imageScanningConfiguration().scanOnPush());
    String encryption = repository.encryptionConfiguration() == null
        ? "AES256" : repository.encryptionConfiguration().encryptionTypeAsString();
    return " (tags " + repository.imageTagMutabilityAsString() + ", scan on push " + (scan ? "on" : "off")
        + ", encryption " + encryption + ")";
  }

  /** Returns the repository as the rest of the pipeline uses it. */
  public static EnsuredRepository toEnsured(Repository repository, boolean created) {
    return new EnsuredRepository(
        new RepositoryName(repository.repositoryName()),
        repository.registryId(),
        repository.repositoryUri(),
        created,
        TagMutabilityRules.of(repository));
  }
}
