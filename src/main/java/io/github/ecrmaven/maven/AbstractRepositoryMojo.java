package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.ecr.RepositorySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The repository settings that {@code ecr:push} and {@code ecr:create-repository} share. A new repository
 * gets them; an existing repository is compared with the configured ones, with a warning per difference.
 */
abstract class AbstractRepositoryMojo extends AbstractEcrMojo {

  /**
   * The tag mutability (property {@code ecr.imageTagMutability}): {@code MUTABLE}, {@code IMMUTABLE},
   * {@code IMMUTABLE_WITH_EXCLUSION} or {@code MUTABLE_WITH_EXCLUSION}. Default for a new repository:
   * ECR's, {@code MUTABLE}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.imageTagMutability")
  String imageTagMutability;

  /**
   * Wildcard filters, such as {@code dev-*}, for the tags that the {@code *_WITH_EXCLUSION} modes exempt
   * (property {@code ecr.imageTagMutabilityExclusionFilters}, comma-separated).
   *
   * @since 0.1.0
   */
  @Parameter
  List<String> imageTagMutabilityExclusionFilters;

  /**
   * Whether ECR scans each image on push (property {@code ecr.scanOnPush}). Default for a new repository:
   * off. ECR deprecates this repository setting in favour of registry-level scanning.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.scanOnPush")
  Boolean scanOnPush;

  /**
   * The encryption at rest, {@code AES256}, {@code KMS} or {@code KMS_DSSE} (property
   * {@code ecr.encryptionType}). ECR fixes it when it creates the repository. Default: {@code AES256}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.encryptionType")
  String encryptionType;

  /**
   * The KMS key ARN, key ID or alias for {@code KMS} and {@code KMS_DSSE} encryption (property
   * {@code ecr.kmsKey}). Default: the AWS managed key for ECR.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.kmsKey")
  String kmsKey;

  /**
   * Resource tags of the repository, such as {@code <team>payments</team>} (property
   * {@code ecr.repositoryTags}, as {@code key=value,other=value}).
   *
   * @since 0.1.0
   */
  @Parameter
  Map<String, String> repositoryTags;

  /**
   * The lifecycle policy: a JSON file path relative to the project directory, or the JSON itself
   * (property {@code ecr.lifecyclePolicy}). It must be valid JSON; the plugin puts it only when the
   * repository's differs.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.lifecyclePolicy")
  String lifecyclePolicy;

  /**
   * The repository policy: a JSON file path relative to the project directory, or the JSON itself
   * (property {@code ecr.repositoryPolicy}). It must be valid JSON; the plugin sets it only when the
   * repository's differs.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.repositoryPolicy")
  String repositoryPolicy;

  /**
   * Whether to change the settings of an existing repository that differ from the configuration, where
   * ECR allows it (property {@code ecr.updateRepositorySettings}). When false, each difference is a
   * warning. Encryption can never be changed in place.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.updateRepositorySettings", defaultValue = "false")
  Boolean updateRepositorySettings;

  /**
   * Resolves and validates the repository settings before any AWS call.
   *
   * @throws ConfigurationException naming the parameter, the value and the rule
   */
  RepositorySettings repositorySettings() throws ConfigurationException {
    ParameterLookup lookup = lookup();
    try {
      return RepositorySettings.of(
          lookup.string("ecr.imageTagMutability", imageTagMutability, null),
          lookup.list("ecr.imageTagMutabilityExclusionFilters", imageTagMutabilityExclusionFilters, List.of()),
          scanOnPushValue(lookup),
          lookup.string("ecr.encryptionType", encryptionType, null),
          lookup.string("ecr.kmsKey", kmsKey, null),
          lookup.map("ecr.repositoryTags", repositoryTags),
          lookup.string("ecr.lifecyclePolicy", lifecyclePolicy, null),
          lookup.string("ecr.repositoryPolicy", repositoryPolicy, null),
          Path.of(project.getBasedir() == null ? "." : project.getBasedir().getPath()));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  @Override
  void checkEnumeratedValues(ParameterLookup lookup) throws ConfigurationException {
    RepositorySettings.checkEnumeratedValues(
        lookup.string("ecr.imageTagMutability", imageTagMutability, null),
        lookup.string("ecr.encryptionType", encryptionType, null));
  }

  boolean updateRepositorySettingsValue() throws ConfigurationException {
    return booleanValue(lookup(), "ecr.updateRepositorySettings", updateRepositorySettings);
  }

  private Boolean scanOnPushValue(ParameterLookup lookup) throws ConfigurationException {
    String value = lookup.string("ecr.scanOnPush", scanOnPush == null ? null : scanOnPush.toString(), null);
    return value == null ? null : booleanValue(lookup, "ecr.scanOnPush", scanOnPush);
  }
}
