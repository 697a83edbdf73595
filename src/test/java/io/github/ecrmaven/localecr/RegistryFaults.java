package io.github.ecrmaven.localecr;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Faults that the registry front injects into matching requests, for tests of retries: error
 * statuses with or without {@code Retry-After}, connections closed in the middle of an upload, and
 * authorization tokens that expire in the middle of a push.
 */
final class RegistryFaults {

  /** What the front does to a matching request. */
  enum Action {
    /** Sends the rule's status with an error body, and {@code Retry-After} when the rule sets it. */
    STATUS,
    /** Reads part of the request body, then closes the connection without a response. */
    RESET,
    /** Expires the request's registry password, then handles the request as usual. */
    EXPIRE_TOKENS,
    /** Reads the request body no faster than the rule's rate, as over a slow link. */
    THROTTLE
  }

  /**
   * One fault.
   *
   * @param method the HTTP method it applies to, or {@code *} for any
   * @param routePrefix the start of the route after {@code /v2/<repository>/}, such as
   *     {@code blobs/uploads} or {@code manifests/}, or empty for any
   * @param repository the repository it applies to
   * @param times how many matching requests it affects; negative for every one
   * @param skip how many matching requests pass before it starts
   * @param bytesPerSecond the rate of a {@link Action#THROTTLE} fault
   */
  record Rule(Action action, String method, String routePrefix, String repository, int status,
      Optional<Integer> retryAfterSeconds, int times, int skip, long bytesPerSecond) {

    Rule(Action action, String method, String routePrefix, String repository, int status,
        Optional<Integer> retryAfterSeconds, int times, int skip) {
      this(action, method, routePrefix, repository, status, retryAfterSeconds, times, skip, 0);
    }
  }

  private final List<MutableRule> rules = new ArrayList<>();

  private static final class MutableRule {
    final Rule rule;
    int remaining;
    int toSkip;

    MutableRule(Rule rule) {
      this.rule = rule;
      this.remaining = rule.times();
      this.toSkip = rule.skip();
    }
  }

  synchronized void add(Rule rule) {
    rules.add(new MutableRule(rule));
  }

  synchronized void clear(String repository) {
    rules.removeIf(rule -> rule.rule.repository().equals(repository));
  }

  /** Returns the fault to apply to this request, if any, and counts it against its rule. */
  synchronized Optional<Rule> take(String method, String repository, String route) {
    Iterator<MutableRule> iterator = rules.iterator();
    while (iterator.hasNext()) {
      MutableRule candidate = iterator.next();
      Rule rule = candidate.rule;
      boolean matches = rule.repository().equals(repository)
          && (rule.method().equals("*") || rule.method().equalsIgnoreCase(method))
          && route != null && route.startsWith(rule.routePrefix());
      if (!matches) {
        continue;
      }
      if (candidate.toSkip > 0) {
        candidate.toSkip--;
        continue;
      }
      if (candidate.remaining == 0) {
        iterator.remove();
        continue;
      }
      if (candidate.remaining > 0) {
        candidate.remaining--;
      }
      return Optional.of(rule);
    }
    return Optional.empty();
  }
}
