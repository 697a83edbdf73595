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
 * @param registryHost the host of the caller's own registry, from the token's proxy endpoint, or empty
 */
public record RegistryCredential(
    String username, String password, Instant expiresAt, java.util.Optional<String> registryHost) {

  /**
   * Decodes an {@code authorizationToken}, which is base64 of {@code user:password}.
   *
   * @throws IllegalArgumentException when the token is not base64 or has no colon; the message never
   *     contains the token
   */
  public static RegistryCredential decode(String authorizationToken, Instant expiresAt) {
    return decode(authorizationToken, expiresAt, null);
  }

  /**
   * Decodes an {@code authorizationToken} like {@link #decode(String, Instant)}, keeping the host of
   * the token's {@code proxyEndpoint}, such as {@code https://123456789012.dkr.ecr.eu-west-1.amazonaws.com}.
   */
  public static RegistryCredential decode(String authorizationToken, Instant expiresAt, String proxyEndpoint) {
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
    java.util.Optional<String> host = java.util.Optional.ofNullable(proxyEndpoint)
        .map(endpoint -> endpoint.replaceFirst("^https?://", "").replaceFirst("/.*$", ""))
        .filter(endpoint -> !endpoint.isEmpty());
    return new RegistryCredential(decoded.substring(0, colon), decoded.substring(colon + 1), expiresAt, host);
  }

  @Override
  public String toString() {
    return "RegistryCredential[username=" + username + ", password=<hidden>, expiresAt=" + expiresAt
        + ", registryHost=" + registryHost.orElse("unknown") + "]";
  }
}
