package io.github.ecrmaven.ecr;

import io.github.ecrmaven.BuildLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilterType;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * Compares an existing repository with the configured settings, warns about each difference, and
 * applies the changeable ones when the configuration allows. Only configured settings are compared,
 * and a setting stored outside the repository description (tags, policies) is read only when it is
 * configured, so an unconfigured build makes no extra call.
 */
final class RepositorySettingsCheck {
  private final EcrClient client;
  private final BuildLog log;

  RepositorySettingsCheck(EcrClient client, BuildLog log) {
    this.client = client;
    this.log = log;
  }

  /**
   * Checks the repository and, when {@code update} is true, changes what differs and can be changed.
   *
   * @throws EcrAccessException when reading or changing a setting fails
   */
  void check(Repository repository, RepositorySettings settings, boolean update) throws EcrAccessException {
    String name = repository.repositoryName();
    for (SettingDifference difference : differences(repository, settings)) {
      if (!difference.changeable()) {
        log.warn("Repository " + name + " has " + difference.setting() + " " + difference.actual()
            + ", but the configuration asks for " + difference.configured() + ". ECR cannot change this"
            + " setting in place: create a new repository to use it, or change the configuration to match.");
      } else if (update) {
        apply(repository, settings, difference);
        log.info("Updated " + difference.setting() + " of repository " + name + " from " + difference.actual()
            + " to " + difference.configured());
      } else {
        log.warn("Repository " + name + " has " + difference.setting() + " " + difference.actual()
            + ", but the configuration asks for " + difference.configured() + ". Set <updateRepositorySettings>"
            + " (ecr.updateRepositorySettings) to true to change it in place.");
      }
    }
  }

  List<SettingDifference> differences(Repository repository, RepositorySettings settings)
      throws EcrAccessException {
    List<SettingDifference> differences = new ArrayList<>();
    compareMutability(repository, settings).ifPresent(differences::add);
    settings.scanOnPush().ifPresent(configured -> {
      boolean actual = repository.imageScanningConfiguration() != null
          && Boolean.TRUE.equals(repository.imageScanningConfiguration().scanOnPush());
      if (configured != actual) {
        differences.add(
            new SettingDifference("<scanOnPush>", String.valueOf(configured), String.valueOf(actual), true));
      }
    });
    compareEncryption(repository, settings).ifPresent(differences::add);
    compareTags(repository, settings).ifPresent(differences::add);
    comparePolicies(repository, settings, differences);
    return differences;
  }

  private static Optional<SettingDifference> compareMutability(Repository repository, RepositorySettings settings) {
    if (settings.imageTagMutability().isEmpty()) {
      return Optional.empty();
    }
    List<String> actualFilters = new ArrayList<>();
    repository.imageTagMutabilityExclusionFilters().forEach(filter -> actualFilters.add(filter.filter()));
    String configured = describeMutability(settings.imageTagMutability().get().toString(), settings.exclusionFilters());
    String actual = describeMutability(String.valueOf(repository.imageTagMutabilityAsString()), actualFilters);
    return configured.equals(actual)
        ? Optional.empty()
        : Optional.of(new SettingDifference("<imageTagMutability>", configured, actual, true));
  }

  private static String describeMutability(String mode, List<String> filters) {
    return filters.isEmpty() ? mode : mode + " " + filters.stream().sorted().toList();
  }

  private Optional<SettingDifference> compareEncryption(Repository repository, RepositorySettings settings) {
    if (settings.encryption().isEmpty()) {
      return Optional.empty();
    }
    EncryptionSettings configured = settings.encryption().get();
    EncryptionConfiguration actual = repository.encryptionConfiguration();
    String actualType = actual == null ? "AES256" : actual.encryptionTypeAsString();
    String actualKey = actual == null ? null : actual.kmsKey();
    boolean sameType = configured.type().toString().equals(actualType);
    // ECR reports the key as an ARN; a configured key ID matches its end, and an alias cannot be
    // resolved without a KMS call, so it is not compared.
    boolean sameKey = configured.kmsKey().isEmpty() || configured.kmsKey().get().startsWith("alias/")
        || (actualKey != null && (actualKey.equals(configured.kmsKey().get()) || actualKey.endsWith("/" + configured.kmsKey().get())));
    if (sameType && sameKey) {
      return Optional.empty();
    }
    String actualText = actualType + (actualKey == null ? "" : " with key " + actualKey);
    return Optional.of(new SettingDifference("<encryptionType>", configured.toString(), actualText, false));
  }

  private Optional<SettingDifference> compareTags(Repository repository, RepositorySettings settings)
      throws EcrAccessException {
    if (settings.tags().isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> actual = new LinkedHashMap<>();
    try {
      client.listTagsForResource(request -> request.resourceArn(repository.repositoryArn()))
          .tags()
          .forEach(tag -> actual.put(tag.key(), tag.value()));
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "list the tags of repository " + repository.repositoryName(), "ecr:ListTagsForResource");
    }
    Map<String, String> differing = new LinkedHashMap<>();
    settings.tags().forEach((key, value) -> {
      if (!value.equals(actual.get(key))) {
        differing.put(key, value);
      }
    });
    if (differing.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> actualOfDiffering = new LinkedHashMap<>();
    differing.keySet().forEach(key -> actualOfDiffering.put(key, actual.getOrDefault(key, "(missing)")));
    return Optional.of(new SettingDifference("<repositoryTags>", differing.toString(), actualOfDiffering.toString(), true));
  }

  private void comparePolicies(Repository repository, RepositorySettings settings, List<SettingDifference> differences)
      throws EcrAccessException {
    String name = repository.repositoryName();
    String registryId = repository.registryId();
    if (settings.lifecyclePolicy().isPresent()) {
      Optional<String> actual;
      try {
        actual = Optional.of(client.getLifecyclePolicy(
            request -> request.repositoryName(name).registryId(registryId)).lifecyclePolicyText());
      } catch (LifecyclePolicyNotFoundException e) {
        actual = Optional.empty();
      } catch (SdkException e) {
        throw EcrErrors.translate(e, "read the lifecycle policy of repository " + name, "ecr:GetLifecyclePolicy");
      }
      PolicyDocument configured = settings.lifecyclePolicy().get();
      if (actual.isEmpty() || !configured.sameAs(actual.get())) {
        differences.add(new SettingDifference("<lifecyclePolicy>", "the policy in " + configured.origin(),
            actual.isEmpty() ? "no lifecycle policy" : "another lifecycle policy", true));
      }
    }
    if (settings.repositoryPolicy().isPresent()) {
      Optional<String> actual;
      try {
        actual = Optional.of(client.getRepositoryPolicy(
            request -> request.repositoryName(name).registryId(registryId)).policyText());
      } catch (RepositoryPolicyNotFoundException e) {
        actual = Optional.empty();
      } catch (SdkException e) {
        throw EcrErrors.translate(e, "read the repository policy of repository " + name, "ecr:GetRepositoryPolicy");
      }
      PolicyDocument configured = settings.repositoryPolicy().get();
      if (actual.isEmpty() || !configured.sameAs(actual.get())) {
        differences.add(new SettingDifference("<repositoryPolicy>", "the policy in " + configured.origin(),
            actual.isEmpty() ? "no repository policy" : "another repository policy", true));
      }
    }
  }

  private void apply(Repository repository, RepositorySettings settings, SettingDifference difference)
      throws EcrAccessException {
    String name = repository.repositoryName();
    String registryId = repository.registryId();
    try {
      switch (difference.setting()) {
        case "<imageTagMutability>":
          client.putImageTagMutability(request -> request.repositoryName(name).registryId(registryId)
              .imageTagMutability(settings.imageTagMutability().get())
              .imageTagMutabilityExclusionFilters(exclusionFilters(settings)));
          break;
        case "<scanOnPush>":
          client.putImageScanningConfiguration(request -> request.repositoryName(name).registryId(registryId)
              .imageScanningConfiguration(scanning -> scanning.scanOnPush(settings.scanOnPush().get())));
          break;
        case "<repositoryTags>":
          client.tagResource(request -> request.resourceArn(repository.repositoryArn()).tags(tags(settings)));
          break;
        case "<lifecyclePolicy>":
          client.putLifecyclePolicy(request -> request.repositoryName(name).registryId(registryId)
              .lifecyclePolicyText(settings.lifecyclePolicy().get().text()));
          break;
        case "<repositoryPolicy>":
          client.setRepositoryPolicy(request -> request.repositoryName(name).registryId(registryId)
              .policyText(settings.repositoryPolicy().get().text()));
          break;
        default:
          throw new IllegalStateException("No way to change " + difference.setting());
      }
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "change " + difference.setting() + " of repository " + name, permission(difference));
    }
  }

  private static String permission(SettingDifference difference) {
    switch (difference.setting()) {
      case "<imageTagMutability>":
        return "ecr:PutImageTagMutability";
      case "<scanOnPush>":
        return "ecr:PutImageScanningConfiguration";
      case "<repositoryTags>":
        return "ecr:TagResource";
      case "<lifecyclePolicy>":
        return "ecr:PutLifecyclePolicy";
      default:
        return "ecr:SetRepositoryPolicy";
    }
  }

  static List<ImageTagMutabilityExclusionFilter> exclusionFilters(RepositorySettings settings) {
    return settings.exclusionFilters().stream()
        .map(filter -> ImageTagMutabilityExclusionFilter.builder()
            .filterType(ImageTagMutabilityExclusionFilterType.WILDCARD).filter(filter).build())
        .toList();
  }

  static List<Tag> tags(RepositorySettings settings) {
    return settings.tags().entrySet().stream()
        .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
        .toList();
  }
}
