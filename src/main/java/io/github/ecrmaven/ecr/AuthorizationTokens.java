package io.github.ecrmaven.ecr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * Fetches registry credentials with {@code GetAuthorizationToken} and keeps one per ECR client, that
 * is per (region, credentials, endpoint), for the whole build. One token covers every registry the
 * caller may use in that region.
 */
public final class AuthorizationTokens {
  /** A token this close to its expiry is replaced, so that it cannot expire in the middle of a push. */
  static final Duration REFRESH_MARGIN = Duration.ofMinutes(15);

  private static final AuthorizationTokens SHARED = new AuthorizationTokens(Clock.systemUTC());

  private final Map<EcrClient, RegistryCredential> credentials = new ConcurrentHashMap<>();
  private final Clock clock;

  AuthorizationTokens(Clock clock) {
    this.clock = clock;
  }

  /** Returns the cache shared by every module and thread of the build. */
  public static AuthorizationTokens shared() {
    return SHARED;
  }

  /**
   * Returns a valid credential for the client's region, fetching a new token only when none is cached
   * or the cached one is about to expire. Concurrent callers for the same client make one call.
   *
   * @throws EcrAccessException when ECR refuses the token request
   */
  public RegistryCredential get(EcrClient client) throws EcrAccessException {
    try {
      return credentials.compute(client, (key, cached) -> isFresh(cached) ? cached : fetch(key));
    } catch (TokenRequestFailure e) {
      throw e.translated;
    }
  }

  /**
   * Replaces a credential that the registry rejected, such as a token that expired during a push, and
   * returns the new one. When another thread has replaced it already, returns that one without a call.
   *
   * @throws EcrAccessException when ECR refuses the token request
   */
  public RegistryCredential refresh(EcrClient client, RegistryCredential rejected) throws EcrAccessException {
    try {
      return credentials.compute(client,
          (key, cached) -> cached != null && !cached.password().equals(rejected.password()) ? cached : fetch(key));
    } catch (TokenRequestFailure e) {
      throw e.translated;
    }
  }

  private boolean isFresh(RegistryCredential cached) {
    return cached != null && cached.expiresAt().isAfter(Instant.now(clock).plus(REFRESH_MARGIN));
  }

  private static RegistryCredential fetch(EcrClient client) {
    GetAuthorizationTokenResponse response;
    try {
      response = client.getAuthorizationToken(request -> {});
    } catch (SdkException e) {
      throw new TokenRequestFailure(
          EcrErrors.translate(e, "get an ECR authorization token", "ecr:GetAuthorizationToken"));
    }
    if (!response.hasAuthorizationData() || response.authorizationData().isEmpty()) {
      throw new TokenRequestFailure(
          new EcrAccessException("ECR returned no authorization data for GetAuthorizationToken."));
    }
    AuthorizationData data = response.authorizationData().get(0);
    try {
      // ECR tokens last 12 hours; a response without an expiry is treated as valid for one hour.
      Instant expiresAt = data.expiresAt() != null ? data.expiresAt() : Instant.now().plus(Duration.ofHours(1));
      return RegistryCredential.decode(data.authorizationToken(), expiresAt, data.proxyEndpoint());
    } catch (IllegalArgumentException e) {
      throw new TokenRequestFailure(new EcrAccessException(e.getMessage() + "; ECR returned an unusable token."));
    }
  }

  /** Carries a checked failure out of the map's compute function. */
  private static final class TokenRequestFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient EcrAccessException translated;

    TokenRequestFailure(EcrAccessException translated) {
      super(translated.getMessage(), null, false, false);
      this.translated = translated;
    }
  }
}
