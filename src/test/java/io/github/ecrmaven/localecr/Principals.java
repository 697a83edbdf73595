package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The principals that may call the local ECR and its STS: the IAM user of the local ECR's
 * account, the roles a test registered, and the role sessions that
 * {@code AssumeRole} issued. Thread-safe.
 */
final class Principals {

  /** A role ARN in any partition, with an optional path before the role name. */
  private static final Pattern ROLE_ARN = Pattern.compile(
      "arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}):role/(?:[\\x21-\\x7E]*/)?([\\w+=,.@-]{1,64})");
  private static final String KEY_ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  /**
   * A role that {@code AssumeRole} may assume.
   *
   * @param requiredExternalId the external ID the role's trust policy requires, if any
   * @param roleId the unique role ID, {@code AROA...}, that appears in the assumed role ID
   */
  private record Role(String arn, String partition, String account, String name,
      Optional<String> requiredExternalId, String roleId) {}

  /** The credentials of an assumed-role session and the assumed role ID. */
  record Session(CallerCredentials credentials, String assumedRoleId) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final CallerCredentials user;
  private final Map<String, Role> roles = new ConcurrentHashMap<>();
  private final java.util.Set<String> webIdentityTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, CallerCredentials> sessions = new ConcurrentHashMap<>();

  Principals(Clock clock, LocalEcrAccount account) {
    this.clock = clock;
    this.user = new CallerCredentials(account.accessKeyId(), account.secretAccessKey(), null,
        account.userArn(), null);
  }

  /**
   * Registers a role that {@code AssumeRole} may assume, replacing an earlier registration of the
   * same ARN.
   *
   * @throws IllegalArgumentException if the ARN is not an IAM role ARN
   */
  /** Makes {@code AssumeRoleWithWebIdentity} accept {@code token}, as a trusted identity provider's. */
  void registerWebIdentityToken(String token) {
    webIdentityTokens.add(token);
  }

  boolean isWebIdentityToken(String token) {
    return webIdentityTokens.contains(token.strip());
  }

  void registerRole(String roleArn, Optional<String> requiredExternalId) {
    Matcher matcher = ROLE_ARN.matcher(roleArn);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("Invalid role ARN '" + roleArn
          + "': expected arn:PARTITION:iam::ACCOUNT:role/NAME, with an optional path before NAME");
    }
    roles.put(roleArn, new Role(roleArn, matcher.group(1), matcher.group(2), matcher.group(3),
        requiredExternalId, "AROA" + randomKeyCharacters(17)));
  }

  /**
   * Registers the roles of a JSON array of objects with {@code roleArn} and an optional
   * {@code externalId}, the external ID the role requires.
   *
   * @throws IllegalArgumentException if the JSON has another form or an ARN is invalid
   */
  void load(JsonNode roleList) {
    if (!roleList.isArray()) {
      throw new IllegalArgumentException(
          "The roles file must contain a JSON array, not " + roleList);
    }
    for (JsonNode role : roleList) {
      JsonNode externalId = role.path("externalId");
      boolean validExternalId = externalId.isMissingNode() || externalId.isTextual();
      if (!role.path("roleArn").isTextual() || !validExternalId) {
        throw new IllegalArgumentException("Invalid role " + role
            + ": expected {\"roleArn\": \"arn:aws:iam::...\"} with an optional \"externalId\"");
      }
      registerRole(role.path("roleArn").asText(),
          Optional.ofNullable(externalId.isTextual() ? externalId.asText() : null));
    }
  }

  /**
   * Issues session credentials for a registered role, as {@code AssumeRole} does.
   *
   * @param callerArn the principal that calls {@code AssumeRole}, named in the error message
   * @param externalId the request's {@code ExternalId}, or null
   * @throws StsApiException {@code AccessDenied} if the role is not registered or the external ID
   *     differs from the one the role requires
   */
  Session assumeRole(String callerArn, String roleArn, String sessionName, String externalId,
      Duration duration) throws StsApiException {
    Role role = roles.get(roleArn);
    boolean allowed =
        role != null
            && role.requiredExternalId().map(required -> required.equals(externalId)).orElse(true);
    if (!allowed) {
      throw StsApiException.accessDenied("User: " + callerArn
          + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }
    Instant expiration = clock.instant().plus(duration).truncatedTo(ChronoUnit.SECONDS);
    CallerCredentials credentials =
        new CallerCredentials(
            "ASIA" + randomKeyCharacters(16),
            randomBase64(30),
            randomBase64(180),
            "arn:" + role.partition() + ":sts::" + role.account() + ":assumed-role/" + role.name() + "/" + sessionName,
            expiration);
    sessions.put(credentials.accessKeyId(), credentials);
    return new Session(credentials, role.roleId() + ":" + sessionName);
  }

  /**
   * Returns the credentials of an access key ID: the IAM user's or those of a role session,
   * expired sessions included, or empty for an unknown key.
   */
  Optional<CallerCredentials> credentials(String accessKeyId) {
    if (user.accessKeyId().equals(accessKeyId)) {
      return Optional.of(user);
    }
    return Optional.ofNullable(sessions.get(accessKeyId));
  }

  private String randomKeyCharacters(int length) {
    StringBuilder characters = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      characters.append(KEY_ID_CHARACTERS.charAt(random.nextInt(KEY_ID_CHARACTERS.length())));
    }
    return characters.toString();
  }

  private String randomBase64(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return Base64.getEncoder().encodeToString(value);
  }
}
