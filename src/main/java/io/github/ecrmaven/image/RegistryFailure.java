package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The registry's part in a failed build or push: whether trying again can help, the HTTP status and
 * the {@code Retry-After} delay, read from the Jib exceptions among its causes.
 *
 * @param kind whether the failure is worth another attempt
 * @param status the registry's HTTP status, when it sent one
 * @param retryAfter the delay the registry's {@code Retry-After} header requests, when it sent one
 */
public record RegistryFailure(Kind kind, Optional<Integer> status, Optional<Duration> retryAfter) {

  /** The handling a failure allows. */
  public enum Kind {
    /** A server error (5xx), throttling (429) or a broken connection: another attempt may succeed. */
    TRANSIENT,
    /** The registry rejected the credentials (401), which a fresh authorization token may fix. */
    UNAUTHORIZED,
    /** Anything else: another attempt would fail the same way. */
    PERMANENT
  }

  /** Classifies a failure of {@link JibImageBuilder}. */
  public static RegistryFailure of(ImageBuildException failure) {
    if (failure instanceof TagRejectedException) {
      return new RegistryFailure(Kind.PERMANENT, Optional.of(400), Optional.empty());
    }
    boolean brokenConnection = false;
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof RegistryUnauthorizedException) {
        return new RegistryFailure(Kind.UNAUTHORIZED, Optional.of(401), Optional.empty());
      }
      if (cause instanceof ResponseException response) {
        return fromStatus(response);
      }
      brokenConnection |= isBrokenConnection(cause);
    }
    return new RegistryFailure(brokenConnection ? Kind.TRANSIENT : Kind.PERMANENT, Optional.empty(),
        Optional.empty());
  }

  /**
   * Returns whether {@code cause} is a connection that broke or timed out. A failed TLS handshake is a
   * trust or configuration problem, which another attempt does not fix.
   */
  private static boolean isBrokenConnection(Throwable cause) {
    if (cause instanceof SSLHandshakeException) {
      return false;
    }
    String name = cause.getClass().getName();
    return cause instanceof SocketException
        || cause instanceof SocketTimeoutException
        || cause instanceof SSLException
        || name.equals("org.apache.http.NoHttpResponseException")
        || name.equals("org.apache.http.ConnectionClosedException")
        || name.equals("org.apache.http.TruncatedChunkException");
  }

  private static RegistryFailure fromStatus(ResponseException response) {
    int status = response.getStatusCode();
    Kind kind = status == 401 ? Kind.UNAUTHORIZED
        : status == 429 || status >= 500 ? Kind.TRANSIENT
        : Kind.PERMANENT;
    return new RegistryFailure(kind, Optional.of(status), retryAfter(response.getHeaders().getRetryAfter()));
  }

  /**
   * Parses a {@code Retry-After} value in seconds. The HTTP date form is rare from registries and is
   * treated as absent, so the usual backoff applies.
   */
  static Optional<Duration> retryAfter(String value) {
    if (value == null || !value.strip().matches("[0-9]{1,6}")) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
  }
}
