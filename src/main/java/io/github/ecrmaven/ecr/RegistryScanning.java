package io.github.ecrmaven.ecr;

import io.github.ecrmaven.BuildLog;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetRegistryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.RegistryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.RegistryScanningRule;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.ScanningRepositoryFilter;

/**
 * Finds out which scanning applies to a repository, from {@code GetRegistryScanningConfiguration} and the
 * repository's own {@code scanOnPush} setting.
 *
 * <p>With enhanced scanning, the registry's rules alone decide, and a rule with {@code CONTINUOUS_SCAN} wins
 * over one with {@code SCAN_ON_PUSH}. With basic scanning, a registry rule with {@code SCAN_ON_PUSH} or the
 * repository's {@code scanOnPush} setting, which ECR deprecates in favour of registry rules, turns on scans
 * on push.
 */
final class RegistryScanning {
  private final EcrClient client;
  private final BuildLog log;

  RegistryScanning(EcrClient client, BuildLog log) {
    this.client = client;
    this.log = log;
  }

  /**
   * Returns the scanning that applies to {@code repository}.
   *
   * @throws EcrAccessException when a call fails, naming the IAM action it needs
   */
  ScanningSetup setupFor(EnsuredRepository repository) throws EcrAccessException {
    // NOTE: GetRegistryScanningConfiguration reads the caller's own registry. For a repository in another
    // account's registry, that registry's configuration applies instead, which the caller cannot read.
    RegistryScanningConfiguration configuration = registryConfiguration();
    boolean enhanced = "ENHANCED".equals(configuration.scanTypeAsString());
    String name = repository.name().value();

    Optional<RegistryScanningRule> continuous = matchingRule(configuration.rules(), name, "CONTINUOUS_SCAN");
    Optional<RegistryScanningRule> onPush = matchingRule(configuration.rules(), name, "SCAN_ON_PUSH");
    if (enhanced && continuous.isPresent()) {
      return new ScanningSetup(true, Optional.of("CONTINUOUS_SCAN"), ruleSource(continuous.get()));
    }
    if (onPush.isPresent()) {
      return new ScanningSetup(enhanced, Optional.of("SCAN_ON_PUSH"), ruleSource(onPush.get()));
    }
    if (!enhanced && repositoryScansOnPush(repository)) {
      return new ScanningSetup(false, Optional.of("SCAN_ON_PUSH"),
          "the repository's scanOnPush setting, which ECR deprecates in favour of registry scanning rules");
    }
    return new ScanningSetup(enhanced, Optional.empty(),
        "no registry scanning rule matches " + name
            + (enhanced ? "" : " and the repository's scanOnPush setting is off"));
  }

  private RegistryScanningConfiguration registryConfiguration() throws EcrAccessException {
    try {
      GetRegistryScanningConfigurationResponse response = client.getRegistryScanningConfiguration(request -> {});
      RegistryScanningConfiguration configuration = response.scanningConfiguration();
      // A registry that was never configured uses basic scanning with no rules.
      return configuration == null ? RegistryScanningConfiguration.builder().scanType("BASIC").build() : configuration;
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "read the registry scanning configuration", "ecr:GetRegistryScanningConfiguration");
    }
  }

  private boolean repositoryScansOnPush(EnsuredRepository repository) throws EcrAccessException {
    Optional<Repository> described = new RepositoryEnsurer(client, log)
        .describe(repository.name(), Optional.ofNullable(repository.registryId()));
    return described.map(Repository::imageScanningConfiguration)
        .map(configuration -> Boolean.TRUE.equals(configuration.scanOnPush()))
        .orElse(false);
  }

  private static Optional<RegistryScanningRule> matchingRule(
      List<RegistryScanningRule> rules, String repository, String frequency) {
    return rules.stream()
        .filter(rule -> frequency.equals(rule.scanFrequencyAsString()))
        .filter(rule -> rule.repositoryFilters().stream().anyMatch(filter -> matches(filter, repository)))
        .findFirst();
  }

  /** Matches a {@code WILDCARD} filter, where {@code *} matches any run of characters, against a repository name. */
  static boolean matches(ScanningRepositoryFilter filter, String repository) {
    StringBuilder regex = new StringBuilder();
    for (String literal : filter.filter().split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(literal));
    }
    return repository.matches(regex.toString());
  }

  private static String ruleSource(RegistryScanningRule rule) {
    return "registry rule for "
        + String.join(", ", rule.repositoryFilters().stream().map(filter -> "'" + filter.filter() + "'").toList());
  }
}
