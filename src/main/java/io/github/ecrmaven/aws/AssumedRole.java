package io.github.ecrmaven.aws;

import io.github.ecrmaven.ConfigurationException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IAM role the plugin assumes on top of the base credentials, as {@code aws sts assume-role} does.
 *
 * @param roleArn the role's ARN, such as {@code arn:aws:iam::123456789012:role/ecr-publisher}
 * @param externalId the external ID the role's trust policy requires, or empty
 * @param sessionName the role session name, which CloudTrail records
 */
public record AssumedRole(String roleArn, Optional<String> externalId, String sessionName) {
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  static final String DEFAULT_SESSION_NAME = "ecr-maven-plugin";

  /**
   * Validates the raw {@code <aws>} values; a blank role ARN means no role.
   *
   * @throws ConfigurationException naming the parameter, the value and the rule
   */
  static Optional<AssumedRole> of(String roleArn, String externalId, String sessionName) throws ConfigurationException {
    return of(roleArn, externalId, sessionName, Parameters.AWS);
  }

  /**
   * Validates the raw values of the {@code <aws>} or {@code <from><aws>} element that {@code names}
   * describes; a blank role ARN means no role.
   *
   * @throws ConfigurationException naming the parameter, the value and the rule
   */
  static Optional<AssumedRole> of(String roleArn, String externalId, String sessionName, Parameters names)
      throws ConfigurationException {
    if (roleArn == null || roleArn.isBlank()) {
      if (!blank(externalId) || !blank(sessionName)) {
        throw new ConfigurationException(
            names.element("externalId") + " and " + names.element("roleSessionName") + " apply only to an"
                + " assumed role: set " + names.describe("roleArn") + " too, or remove them.");
      }
      return Optional.empty();
    }
    String arn = roleArn.trim();
    if (!ROLE_ARN.matcher(arn).matches()) {
      throw new ConfigurationException(
          "Invalid " + names.describe("roleArn") + " '" + roleArn + "': give an IAM role ARN such as"
              + " arn:aws:iam::123456789012:role/ecr-publisher.");
    }
    if (!blank(externalId) && !EXTERNAL_ID.matcher(externalId.trim()).matches()) {
      throw new ConfigurationException(
          "Invalid " + names.describe("externalId") + " '" + externalId + "': an external ID is 2 to 1224"
              + " characters of letters, digits and +=,.@:/-.");
    }
    String session = blank(sessionName) ? DEFAULT_SESSION_NAME : sessionName.trim();
    if (!SESSION_NAME.matcher(session).matches()) {
      throw new ConfigurationException(
          "Invalid " + names.describe("roleSessionName") + " '" + sessionName + "': a session name is 2"
              + " to 64 characters of letters, digits and +=,.@-.");
    }
    return Optional.of(new AssumedRole(arn, blank(externalId) ? Optional.empty() : Optional.of(externalId.trim()), session));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
