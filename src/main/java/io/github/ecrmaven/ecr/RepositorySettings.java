package io.github.ecrmaven.ecr;

import io.github.ecrmaven.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/**
 * The repository settings the configuration requests. An empty value means "not configured": a new
 * repository gets ECR's default for it, and an existing repository is not compared on it.
 *
 * @param imageTagMutability whether tags can be moved to another image
 * @param exclusionFilters the wildcard filters of the {@code *_WITH_EXCLUSION} mutability modes
 * @param scanOnPush whether ECR scans each image when it is pushed
 * @param encryption the encryption at rest, fixed at creation
 * @param tags the repository's resource tags
 * @param lifecyclePolicy the lifecycle policy
 * @param repositoryPolicy the repository policy
 */
public record RepositorySettings(
    Optional<ImageTagMutability> imageTagMutability,
    List<String> exclusionFilters,
    Optional<Boolean> scanOnPush,
    Optional<EncryptionSettings> encryption,
    Map<String, String> tags,
    Optional<PolicyDocument> lifecyclePolicy,
    Optional<PolicyDocument> repositoryPolicy) {
  private static final Pattern FILTER = Pattern.compile("[0-9a-zA-Z._*-]{1,128}");
  /** A KMS key ID, key ARN, alias name or alias ARN, the forms ECR accepts. */
  private static final Pattern KMS_KEY =
      Pattern.compile("(arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:)?"
          + "(key/)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})"
          + "|(arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:)?alias/[a-zA-Z0-9/_-]+");
  private static final int MAX_TAG_KEY_LENGTH = 128;
  private static final int MAX_TAG_VALUE_LENGTH = 256;

  public RepositorySettings {
    exclusionFilters = List.copyOf(exclusionFilters);
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** Returns settings with nothing configured. */
  public static RepositorySettings none() {
    return new RepositorySettings(
        Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
  }

  /**
   * Validates the raw configuration values; null or blank means not configured.
   *
   * @param baseDirectory the directory that relative policy file paths start from
   * @throws ConfigurationException naming the parameter, the value and the rule
   */
  public static RepositorySettings of(
      String imageTagMutability,
      List<String> exclusionFilters,
      Boolean scanOnPush,
      String encryptionType,
      String kmsKey,
      Map<String, String> tags,
      String lifecyclePolicy,
      String repositoryPolicy,
      Path baseDirectory)
      throws ConfigurationException {
    Optional<ImageTagMutability> mutability = parseTagMutability(imageTagMutability);
    List<String> filters = checkFilters(mutability, exclusionFilters);
    return new RepositorySettings(
        mutability,
        filters,
        Optional.ofNullable(scanOnPush),
        parseEncryption(encryptionType, kmsKey),
        checkTags(tags),
        blank(lifecyclePolicy)
            ? Optional.empty()
            : Optional.of(PolicyDocument.load(lifecyclePolicy, "<lifecyclePolicy> (ecr.lifecyclePolicy)", baseDirectory)),
        blank(repositoryPolicy)
            ? Optional.empty()
            : Optional.of(
                PolicyDocument.load(repositoryPolicy, "<repositoryPolicy> (ecr.repositoryPolicy)", baseDirectory)));
  }

  /**
   * Checks the settings that take one of a fixed set of values, {@code <imageTagMutability>} and
   * {@code <encryptionType>}; null or blank means not configured.
   *
   * @throws ConfigurationException naming the parameter, the value and the accepted values
   */
  public static void checkEnumeratedValues(String imageTagMutability, String encryptionType)
      throws ConfigurationException {
    parseTagMutability(imageTagMutability);
    if (!blank(encryptionType)) {
      parseEncryptionType(encryptionType);
    }
  }

  private static Optional<ImageTagMutability> parseTagMutability(String value) throws ConfigurationException {
    if (blank(value)) {
      return Optional.empty();
    }
    String normalized = value.trim().toUpperCase(Locale.ROOT);
    for (ImageTagMutability mode : ImageTagMutability.knownValues()) {
      if (mode.toString().equals(normalized)) {
        return Optional.of(mode);
      }
    }
    throw new ConfigurationException(
        "Invalid <imageTagMutability> (ecr.imageTagMutability) '" + value + "': use MUTABLE, IMMUTABLE,"
            + " IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION.");
  }

  private static List<String> checkFilters(Optional<ImageTagMutability> mutability, List<String> filters)
      throws ConfigurationException {
    List<String> checked = new ArrayList<>();
    for (String filter : filters) {
      if (!FILTER.matcher(filter).matches()) {
        throw new ConfigurationException(
            "Invalid filter '" + filter + "' in <imageTagMutabilityExclusionFilters>"
                + " (ecr.imageTagMutabilityExclusionFilters): a filter is 1 to 128 characters of letters, digits,"
                + " '.', '_', '-' and the wildcard '*', such as release-*.");
      }
      checked.add(filter);
    }
    boolean withExclusion =
        mutability.map(mode -> mode.toString().endsWith("_WITH_EXCLUSION")).orElse(false);
    if (withExclusion && checked.isEmpty()) {
      throw new ConfigurationException(
          "<imageTagMutability> " + mutability.get() + " needs at least one filter in"
              + " <imageTagMutabilityExclusionFilters> (ecr.imageTagMutabilityExclusionFilters), such as dev-*.");
    }
    if (!withExclusion && !checked.isEmpty()) {
      throw new ConfigurationException(
          "<imageTagMutabilityExclusionFilters> (ecr.imageTagMutabilityExclusionFilters) apply only with"
              + " <imageTagMutability> IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION, not with "
              + mutability.map(Object::toString).orElse("the default MUTABLE") + ".");
    }
    return checked;
  }

  private static Optional<EncryptionSettings> parseEncryption(String type, String kmsKey)
      throws ConfigurationException {
    Optional<String> key = blank(kmsKey) ? Optional.empty() : Optional.of(kmsKey.trim());
    if (blank(type)) {
      if (key.isPresent()) {
        throw new ConfigurationException(
            "<kmsKey> (ecr.kmsKey) is set but <encryptionType> (ecr.encryptionType) is not: set it to KMS or"
                + " KMS_DSSE.");
      }
      return Optional.empty();
    }
    EncryptionType parsed = parseEncryptionType(type);
    if (key.isPresent() && !KMS_KEY.matcher(key.get()).matches()) {
      throw new ConfigurationException(
          "Invalid <kmsKey> (ecr.kmsKey) '" + key.get() + "': give a KMS key ID, key ARN, alias name or alias"
              + " ARN, such as alias/ecr or arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab.");
    }
    if (parsed == EncryptionType.AES256 && key.isPresent()) {
      throw new ConfigurationException(
          "<kmsKey> (ecr.kmsKey) '" + key.get() + "' needs <encryptionType> KMS or KMS_DSSE, not AES256.");
    }
    return Optional.of(new EncryptionSettings(parsed, key));
  }

  private static EncryptionType parseEncryptionType(String type) throws ConfigurationException {
    EncryptionType parsed = EncryptionType.fromValue(type.trim().toUpperCase(Locale.ROOT));
    if (parsed == null || parsed == EncryptionType.UNKNOWN_TO_SDK_VERSION) {
      throw new ConfigurationException(
          "Invalid <encryptionType> (ecr.encryptionType) '" + type + "': use AES256, KMS or KMS_DSSE.");
    }
    return parsed;
  }

  private static Map<String, String> checkTags(Map<String, String> tags) throws ConfigurationException {
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey();
      String value = tag.getValue() == null ? "" : tag.getValue();
      if (key.isBlank() || key.length() > MAX_TAG_KEY_LENGTH || key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw new ConfigurationException(
            "Invalid repository tag key '" + key + "' in <repositoryTags> (ecr.repositoryTags): a key is 1 to "
                + MAX_TAG_KEY_LENGTH + " characters and does not start with 'aws:'.");
      }
      if (value.length() > MAX_TAG_VALUE_LENGTH) {
        throw new ConfigurationException(
            "Invalid value of repository tag '" + key + "' in <repositoryTags> (ecr.repositoryTags): it is "
                + value.length() + " characters long, more than " + MAX_TAG_VALUE_LENGTH + ".");
      }
    }
    return tags;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
