package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code encryptionConfiguration}: {@code encryptionType} {@code AES256} (the default),
 * {@code KMS} or {@code KMS_DSSE}, and a {@code kmsKey} that only the KMS types allow.
 *
 * <p>A repository reports its key as a key ARN, as ECR does. The local ECR has no KMS, so it
 * derives the key ID of an alias from the alias name.
 */
final class EncryptionRequests {

  /**
   * The key ARN that stands for the AWS managed key {@code alias/aws/ecr} in the default account,
   * which ECR uses for the KMS types when no key is given. Its key ID is made up, derived from the
   * alias name.
   */
  static final String AWS_MANAGED_KEY_ARN = awsManagedKeyArn(LocalEcrAccount.DEFAULT);

  private static final Set<String> TYPES = Set.of("AES256", "KMS", "KMS_DSSE");
  private static final String KEY_ID = "(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
      + "|mrk-[0-9a-f]{32})";
  private static final String ALIAS = "alias/[a-zA-Z0-9/_-]+";
  private static final Pattern KEY_ID_FORM = Pattern.compile(KEY_ID);
  private static final Pattern ALIAS_FORM = Pattern.compile(ALIAS);
  private static final Pattern ARN_FORM = Pattern.compile(
      "arn:aws[a-z-]*:kms:([a-z0-9-]+):([0-9]{12}):(key/" + KEY_ID + "|" + ALIAS + ")");
  private static final int MAX_KEY_LENGTH = 2048;

  private EncryptionRequests() {}

  /**
   * An encryption setting.
   *
   * @param kmsKey the key as the caller gave it, or null
   * @param kmsKeyArn the key ARN a repository reports: the given key's ARN, the AWS managed key's
   *     ARN for the KMS types without a key, or null for {@code AES256}
   */
  record Encryption(String type, String kmsKey, String kmsKeyArn) {
    static final Encryption DEFAULT = new Encryption("AES256", null, null);
  }

  /**
   * Reads the encryption configuration.
   *
   * @param requireArn whether {@code kmsKey} must be a key ARN, as repository creation templates
   *     require
   * @param account the account and region whose keys a repository may use
   */
  static Encryption read(JsonNode configuration, boolean requireArn, LocalEcrAccount account)
      throws EcrApiException {
    if (configuration.isMissingNode() || configuration.isNull()) {
      return Encryption.DEFAULT;
    }
    String type = configuration.path("encryptionType").asText(null);
    if (type == null || !TYPES.contains(type)) {
      throw EcrRequests.invalidParameter(
          "1 validation error detected: Value '" + type + "' at "
              + "'encryptionConfiguration.encryptionType' failed to satisfy constraint: Member "
              + "must satisfy enum value set: [AES256, KMS, KMS_DSSE]");
    }
    String key = configuration.path("kmsKey").asText(null);
    if (key == null || key.isEmpty()) {
      return new Encryption(type, null, type.equals("AES256") ? null : awsManagedKeyArn(account));
    }
    if (type.equals("AES256")) {
      throw EcrRequests.invalidParameter(
          "Invalid parameter at 'encryptionConfiguration.kmsKey' failed to satisfy constraint: "
              + "'A KMS key can only be specified when encryptionType is KMS or KMS_DSSE'");
    }
    return new Encryption(type, key, keyArn(key, requireArn, account));
  }

  /** Returns the ARN of {@code alias/aws/ecr} in the account and region. */
  static String awsManagedKeyArn(LocalEcrAccount account) {
    return account.kmsKeyArn(account.accountId(), aliasKeyId("alias/aws/ecr"));
  }

  private static String keyArn(String key, boolean requireArn, LocalEcrAccount account)
      throws EcrApiException {
    if (key.length() > MAX_KEY_LENGTH) {
      throw EcrRequests.invalidParameter(
          "1 validation error detected: Value at 'encryptionConfiguration.kmsKey' failed to "
              + "satisfy constraint: Member must have length less than or equal to "
              + MAX_KEY_LENGTH);
    }
    Matcher arn = ARN_FORM.matcher(key);
    if (arn.matches()) {
      if (!arn.group(1).equals(account.region())) {
        throw EcrRequests.invalidParameter(
            "Invalid parameter at 'encryptionConfiguration.kmsKey' failed to satisfy constraint: "
                + "'The KMS key " + key + " must be in the repository's region "
                + account.region() + "'");
      }
      String resource = arn.group(3);
      return resource.startsWith("alias/") ? account.kmsKeyArn(arn.group(2), aliasKeyId(resource)) : key;
    }
    // NOTE: ECR's exact message for a malformed key is not known here; the type is the one ECR
    // uses for invalid members.
    String invalid = "Invalid parameter at 'encryptionConfiguration.kmsKey' failed to satisfy "
        + "constraint: '" + key + "' is not a KMS key "
        + (requireArn ? "ARN" : "ID, key ARN, alias name or alias ARN");
    if (requireArn) {
      throw EcrRequests.invalidParameter(invalid);
    }
    if (KEY_ID_FORM.matcher(key).matches()) {
      return account.kmsKeyArn(account.accountId(), key);
    }
    if (ALIAS_FORM.matcher(key).matches()) {
      return account.kmsKeyArn(account.accountId(), aliasKeyId(key));
    }
    throw EcrRequests.invalidParameter(invalid);
  }

  /** Returns a key ID that is the same for every use of the alias name. */
  private static String aliasKeyId(String alias) {
    return UUID.nameUUIDFromBytes(alias.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
