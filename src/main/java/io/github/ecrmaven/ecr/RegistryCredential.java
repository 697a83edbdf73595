package io.github.ecrmaven.ecr;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The Basic credential an ECR authorization token grants for the registry.
 *
 * <p>{@link #toString()} hides the password so that the credential never reaches a log by accident.
 *
 * @param username the user name, {@code AWS} for ECR
 * @param password the password part of the token
 * @param expiresAt when ECR stops accepting the token
 */
public record RegistryCredential(String username, String password, Instant expiresAt) {

  /**
   * Decodes an {@code authorizationToken}, which is base64 of {@code user:password}.
   *
   * @throws IllegalArgumentException when the token is not base64 or has no colon; the message never
   *     contains the token
   */
  public static RegistryCredential decode(String authorizationToken, Instant expiresAt) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorizationToken), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The ECR authorization token is not valid base64");
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon == decoded.length() - 1) {
      throw new IllegalArgumentException("The ECR authorization token is not in the form user:password");
    }
    return new RegistryCredential(decoded.substring(0, colon), decoded.substring(colon + 1), expiresAt);
  }

  @Override
  public String toString() {
    return "RegistryCredential[username=" + username + ", password=<hidden>, expiresAt=" + expiresAt + "]";
  }
}
