package io.github.ecrmaven.localecr;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * State shared by the local ECR's API server, STS and registry front: repositories, repository
 * creation templates, test faults, principals, issued registry passwords, manifest push times,
 * counters and the callers of recent API calls. Thread-safe.
 */
final class LocalEcrState {

  /**
   * A repository created through the API or by a push, with every setting ECR stores for it.
   *
   * @param imageTagMutabilityExclusionFilters the {@code WILDCARD} filters, empty unless the
   *     mutability is one of the {@code *_WITH_EXCLUSION} values
   * @param kmsKey the key ARN for the {@code KMS} and {@code KMS_DSSE} types, otherwise null
   * @param tags the resource tags in the order they were added
   * @param lifecyclePolicy the lifecycle policy text as the caller sent it, or null
   * @param repositoryPolicy the repository policy text as the caller sent it, or null
   */
  record Repository(
      String name,
      Instant createdAt,
      String imageTagMutability,
      List<String> imageTagMutabilityExclusionFilters,
      boolean scanOnPush,
      String encryptionType,
      String kmsKey,
      Map<String, String> tags,
      String lifecyclePolicy,
      String repositoryPolicy) {

    Repository {
      imageTagMutabilityExclusionFilters = List.copyOf(imageTagMutabilityExclusionFilters);
      tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** Returns a repository with ECR's defaults: mutable tags, no scan on push, AES256. */
    static Repository withDefaults(String name, Instant createdAt) {
      return new Repository(name, createdAt, "MUTABLE", List.of(), false, "AES256", null, Map.of(),
          null, null);
    }

    Repository withTagMutability(String mutability, List<String> exclusionFilters) {
      return new Repository(name, createdAt, mutability, exclusionFilters, scanOnPush,
          encryptionType, kmsKey, tags, lifecyclePolicy, repositoryPolicy);
    }

    Repository withScanOnPush(boolean enabled) {
      return new Repository(name, createdAt, imageTagMutability,
          imageTagMutabilityExclusionFilters, enabled, encryptionType, kmsKey, tags,
          lifecyclePolicy, repositoryPolicy);
    }

    Repository withTags(Map<String, String> newTags) {
      return new Repository(name, createdAt, imageTagMutability,
          imageTagMutabilityExclusionFilters, scanOnPush, encryptionType, kmsKey, newTags,
          lifecyclePolicy, repositoryPolicy);
    }

    Repository withLifecyclePolicy(String policy) {
      return new Repository(name, createdAt, imageTagMutability,
          imageTagMutabilityExclusionFilters, scanOnPush, encryptionType, kmsKey, tags, policy,
          repositoryPolicy);
    }

    Repository withRepositoryPolicy(String policy) {
      return new Repository(name, createdAt, imageTagMutability,
          imageTagMutabilityExclusionFilters, scanOnPush, encryptionType, kmsKey, tags,
          lifecyclePolicy, policy);
    }
  }

  private static final int MAX_RECORDED_CALLS = 1000;

  private final Clock clock;
  private final Duration tokenLifetime;
  private final Instant startedAt;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
  private final Map<String, CreationTemplates.Template> templates = new ConcurrentHashMap<>();
  private final LocalEcrAccount account;
  private final AccessFaults accessFaults;
  private final RegistryFaults registryFaults = new RegistryFaults();
  private final ImageScans imageScans = new ImageScans();
  private final Map<String, Instant> passwordExpiries = new ConcurrentHashMap<>();
  private final Map<String, Instant> manifestPushTimes = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> apiCallCounts = new ConcurrentHashMap<>();
  private final AtomicLong registryBytesReceived = new AtomicLong();
  private final java.util.Set<String> staleManifestReads = ConcurrentHashMap.newKeySet();
  private final Map<String, Duration> describeImagesLags = new ConcurrentHashMap<>();
  private final java.util.Set<String> issuedSecrets = ConcurrentHashMap.newKeySet();
  private final AtomicLong registryBytesSent = new AtomicLong();
  /** The most recent authenticated API calls, oldest first, at most {@link #MAX_RECORDED_CALLS}. */
  private final java.util.Deque<LocalEcr.ApiCall> recentCalls = new java.util.ArrayDeque<>();
  private final Principals principals;
  private final java.nio.file.Path recordsDirectory;

  LocalEcrState(Clock clock, Duration tokenLifetime) {
    this(clock, tokenLifetime, null, LocalEcrAccount.DEFAULT);
  }

  /**
   * @param recordsDirectory the directory that receives {@code api-calls.log},
   *     {@code issued-passwords.log} and {@code registry-requests.log}, or null for no records
   * @param account the account, region and partition this local ECR plays
   */
  LocalEcrState(Clock clock, Duration tokenLifetime, java.nio.file.Path recordsDirectory,
      LocalEcrAccount account) {
    this.clock = clock;
    this.account = account;
    this.accessFaults = new AccessFaults(account);
    this.tokenLifetime = tokenLifetime;
    this.recordsDirectory = recordsDirectory;
    this.startedAt = clock.instant();
    this.principals = new Principals(clock, account);
  }

  LocalEcrAccount account() {
    return account;
  }

  /** Makes {@code BatchGetImage} in {@code repository} find no tag, or stop doing so. */
  void staleManifestReads(String repository, boolean stale) {
    if (stale) {
      staleManifestReads.add(repository);
    } else {
      staleManifestReads.remove(repository);
    }
  }

  /** Makes {@code DescribeImages} in {@code repository} leave out images pushed less than {@code lag} ago. */
  void describeImagesLag(String repository, Duration lag) {
    describeImagesLags.put(repository, lag);
  }

  /** Returns whether {@code DescribeImages} leaves out an image because it was pushed too recently. */
  boolean isHiddenByLag(String repository, String digest) {
    Duration lag = describeImagesLags.get(repository);
    Optional<Instant> pushed = manifestPushTime(repository, digest);
    return lag != null && pushed.isPresent() && now().isBefore(pushed.get().plus(lag));
  }

  boolean hasStaleManifestReads(String repository) {
    return staleManifestReads.contains(repository);
  }

  /** Returns every registry password and STS secret key and session token issued so far. */
  java.util.Set<String> issuedSecrets() {
    return java.util.Set.copyOf(issuedSecrets);
  }

  Principals principals() {
    return principals;
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

  /**
   * Replaces the named repository with {@code change} applied to it, and returns the result, or
   * empty if no such repository exists.
   */
  Optional<Repository> updateRepository(String name, UnaryOperator<Repository> change) {
    return Optional.ofNullable(repositories.computeIfPresent(name, (key, old) -> change.apply(old)));
  }

  /** Adds the template unless one with the same prefix exists, and returns whether it was added. */
  boolean addTemplate(CreationTemplates.Template template) {
    return templates.putIfAbsent(template.key(), template) == null;
  }

  /** Replaces the template with the same prefix, and returns whether one existed. */
  boolean replaceTemplate(CreationTemplates.Template template) {
    return templates.replace(template.key(), template) != null;
  }

  Optional<CreationTemplates.Template> template(String prefix) {
    return Optional.ofNullable(templates.get(CreationTemplates.key(prefix)));
  }

  /** Returns every template, sorted by prefix. */
  Collection<CreationTemplates.Template> templates() {
    return new TreeMap<>(templates).values();
  }

  Optional<CreationTemplates.Template> removeTemplate(String prefix) {
    return Optional.ofNullable(templates.remove(CreationTemplates.key(prefix)));
  }

  AccessFaults accessFaults() {
    return accessFaults;
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
    issuedSecrets.add(password);
    appendRecord("issued-passwords.log", password);
    return new IssuedPassword(password, expiresAt);
  }

  /** Makes an issued password expire now, as a token does at the end of its lifetime. */
  void expirePassword(String password) {
    passwordExpiries.computeIfPresent(password, (key, expiry) -> now());
  }

  RegistryFaults registryFaults() {
    return registryFaults;
  }

  ImageScans imageScans() {
    return imageScans;
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

  /**
   * Records that {@code caller} made an API call that passed the signature check, in memory and
   * in {@code api-callers.log} as {@code OPERATION<TAB>ACCESS_KEY_ID<TAB>PRINCIPAL_ARN}.
   */
  /**
   * Records the secret key and session token of credentials the local STS issued, in
   * {@code issued-secrets.log}, so that tests can check that no log or file shows them.
   */
  void recordIssuedSecrets(String secretAccessKey, String sessionToken) {
    issuedSecrets.add(secretAccessKey);
    issuedSecrets.add(sessionToken);
    appendRecord("issued-secrets.log", secretAccessKey);
    appendRecord("issued-secrets.log", sessionToken);
  }

  void recordCaller(String operation, CallerCredentials caller) {
    LocalEcr.ApiCall call =
        new LocalEcr.ApiCall(operation, caller.accessKeyId(), caller.principalArn(), now());
    synchronized (recentCalls) {
      if (recentCalls.size() == MAX_RECORDED_CALLS) {
        recentCalls.removeFirst();
      }
      recentCalls.addLast(call);
    }
    appendRecord("api-callers.log",
        operation + "\t" + caller.accessKeyId() + "\t" + caller.principalArn());
  }

  /** Returns the recorded callers of recent API calls, oldest first. */
  List<LocalEcr.ApiCall> recentCalls() {
    synchronized (recentCalls) {
      return List.copyOf(recentCalls);
    }
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

  void addRegistryBytesSent(long bytes) {
    registryBytesSent.addAndGet(bytes);
  }

  long registryBytesSent() {
    return registryBytesSent.get();
  }

  /**
   * Records one request that the registry front served, in {@code registry-requests.log} as
   * {@code METHOD<TAB>PATH_AND_QUERY<TAB>STATUS<TAB>BYTES_RECEIVED<TAB>BYTES_SENT}, where the byte
   * counts are those of the request and response bodies.
   */
  void recordRegistryRequest(String method, String pathAndQuery, int status, long received, long sent) {
    appendRecord("registry-requests.log",
        method + "\t" + pathAndQuery + "\t" + status + "\t" + received + "\t" + sent);
  }

  void resetCounters() {
    apiCallCounts.clear();
    synchronized (recentCalls) {
      recentCalls.clear();
    }
    registryBytesReceived.set(0);
    registryBytesSent.set(0);
  }
}
