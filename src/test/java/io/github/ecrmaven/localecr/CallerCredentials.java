package io.github.ecrmaven.localecr;

import java.time.Instant;

/**
 * Credentials that the local ECR and its STS accept, with the principal that signs with them.
 *
 * @param sessionToken the token that must arrive as {@code X-Amz-Security-Token}, or null for
 *     long-term credentials
 * @param principalArn the IAM user or assumed-role session ARN
 * @param expiration the time the credentials stop being accepted, or null if they never do
 */
record CallerCredentials(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    String principalArn,
    Instant expiration) {

  /** Returns the key ID, principal and expiration, without the secret and the session token. */
  @Override
  public String toString() {
    return "CallerCredentials[accessKeyId=" + accessKeyId + ", principalArn=" + principalArn
        + ", expiration=" + expiration + "]";
  }
}
