package io.github.ecrmaven.localecr;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * State shared by the local ECR's API server and registry front: repositories, issued registry
 * passwords, manifest push times and counters. Thread-safe.
 */
final class LocalEcrState {

  /** A repository created through the API. */
  record Repository(
      String name,
      Instant createdAt,
      String imageTagMutability,
      boolean scanOnPush,
      String encryptionType) {}

  private final Clock clock;
  private final Duration tokenLifetime;
  private final Instant startedAt;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
  private final Map<String, Instant> passwordExpiries = new ConcurrentHashMap<>();
  private final Map<String, Instant> manifestPushTimes = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> apiCallCounts = new ConcurrentHashMap<>();
  private final AtomicLong registryBytesReceived = new AtomicLong();
  private final java.nio.file.Path recordsDirectory;

  LocalEcrState(Clock clock, Duration tokenLifetime) {
    this(clock, tokenLifetime, null);
  }

  /**
   * @param recordsDirectory the directory that receives {@code api-calls.log} and
   *     {@code issued-passwords.log}, or null for no records
   */
  LocalEcrState(Clock clock, Duration tokenLifetime, java.nio.file.Path recordsDirectory) {
    this.clock = clock;
    this.tokenLifetime = tokenLifetime;
    this.recordsDirectory = recordsDirectory;
    this.startedAt = clock.instant();
  }

  Instant now() {
    return clock.instant();
  }

  Instant startedAt() {
    return startedAt;
  }

  /** Adds the repository unless one of that name exists, and returns whether it was added. */
  boolean addRepository(Repository repository) {
    return repositories.putIfAbsent(repository.name(), repository) == null;
  }

  Optional<Repository> repository(String name) {
    return Optional.ofNullable(repositories.get(name));
  }

  Collection<Repository> repositories() {
    return new TreeMap<>(repositories).values();
  }

  boolean removeRepository(String name) {
    manifestPushTimes.keySet().removeIf(key -> key.startsWith(name + "@"));
    return repositories.remove(name) != null;
  }

  /** Issues a random registry password for user {@code AWS}, valid for the token lifetime. */
  IssuedPassword issuePassword() {
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = now().plus(tokenLifetime);
    passwordExpiries.put(password, expiresAt);
    appendRecord("issued-passwords.log", password);
    return new IssuedPassword(password, expiresAt);
  }

  /** A registry password and the time it stops being accepted. */
  record IssuedPassword(String password, Instant expiresAt) {}

  /** Returns the expiry of an issued password, or empty if the API never issued it. */
  Optional<Instant> passwordExpiry(String password) {
    return Optional.ofNullable(passwordExpiries.get(password));
  }

  void recordManifestPush(String repository, String digest) {
    manifestPushTimes.putIfAbsent(repository + "@" + digest, now());
  }

  Optional<Instant> manifestPushTime(String repository, String digest) {
    return Optional.ofNullable(manifestPushTimes.get(repository + "@" + digest));
  }

  /** Returns the digests of every manifest pushed to the repository through the front. */
  Collection<String> pushedDigests(String repository) {
    String prefix = repository + "@";
    return manifestPushTimes.keySet().stream()
        .filter(key -> key.startsWith(prefix))
        .map(key -> key.substring(prefix.length()))
        .toList();
  }

  void countApiCall(String operation) {
    apiCallCounts.computeIfAbsent(operation, key -> new AtomicLong()).incrementAndGet();
    appendRecord("api-calls.log", operation);
  }

  private synchronized void appendRecord(String fileName, String line) {
    if (recordsDirectory == null) {
      return;
    }
    java.nio.file.Path file = recordsDirectory.resolve(fileName);
    try {
      java.nio.file.Files.writeString(file, line + "\n", java.nio.charset.StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Failed to append to " + file, e);
    }
  }

  long apiCallCount(String operation) {
    AtomicLong count = apiCallCounts.get(operation);
    return count == null ? 0 : count.get();
  }

  Map<String, Long> apiCallCounts() {
    Map<String, Long> snapshot = new TreeMap<>();
    apiCallCounts.forEach((operation, count) -> snapshot.put(operation, count.get()));
    return snapshot;
  }

  void addRegistryBytesReceived(long bytes) {
    registryBytesReceived.addAndGet(bytes);
  }

  long registryBytesReceived() {
    return registryBytesReceived.get();
  }

  void resetCounters() {
    apiCallCounts.clear();
    registryBytesReceived.set(0);
  }
}
