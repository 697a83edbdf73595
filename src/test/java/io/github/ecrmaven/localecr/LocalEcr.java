package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Amazon ECR in one account, region and partition, for tests and demos.
 * {@link Options} chooses them, by default {@value #ACCOUNT_ID} in {@value #REGION} of the
 * {@code aws} partition. Several local ECRs can run at once, for example one per region.
 *
 * <p>It runs four parts, all on 127.0.0.1: the ECR API (AWS JSON 1.1 over plain HTTP, with
 * SigV4 checked against the account's access key, by default {@link #ACCESS_KEY_ID} and
 * {@link #SECRET_ACCESS_KEY}, or the credentials of an assumed role), an STS endpoint on a port of its own for {@code AssumeRole} on the roles a
 * test registered with {@link #registerRole}, a Distribution
 * registry process, and an HTTPS front before that registry that accepts only the passwords
 * {@code GetAuthorizationToken} issued and only repositories created through the API or, on a
 * push, by a repository creation template that applies for {@code CREATE_ON_PUSH}. Clients must
 * trust {@link #trustStore()} (Java) or {@link #caCertDirectory()} (skopeo, podman).
 *
 * <p>Tests can make calls fail as they fail for a caller without permissions, with
 * {@link #denyAction}, {@link #unusableKmsKey} and {@link #otherAccountRegistry}. Calls signed
 * with the account's access key are made as its IAM user, {@value #USER_ARN} by default, and
 * {@link #apiCalls()} shows which principal made each call.
 */
public final class LocalEcr implements AutoCloseable {

  /** The default account ID, which is also the registry ID. */
  public static final String ACCOUNT_ID = "123456789012";

  /** The default region, the only one the API then accepts in a SigV4 credential scope. */
  public static final String REGION = "eu-west-1";

  /** AWS's documented example access key ID, the default IAM user's key. */
  public static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";

  /** AWS's documented example secret access key, paired with {@link #ACCESS_KEY_ID}. */
  public static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  /** The IAM user that {@link #ACCESS_KEY_ID} belongs to in the default account. */
  public static final String USER_ARN = "arn:aws:iam::" + ACCOUNT_ID + ":user/local-ecr-test";

  private static final System.Logger LOG = System.getLogger(LocalEcr.class.getName());

  /**
   * An API call (ECR or STS) that passed the signature check, and who made it.
   *
   * @param operation the ECR operation or STS action, for example {@code DescribeRepositories}
   * @param principalArn {@value #USER_ARN} for {@link #ACCESS_KEY_ID}, or
   *     {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} for a role session's key
   */
  public record ApiCall(String operation, String accessKeyId, String principalArn, Instant time) {}

  /** Settings of a local ECR. Ports of 0 select any free port. */
  public static final class Options {
    private final Path workDirectory;
    private final Path certificateDirectory;
    private int apiPort;
    private int registryPort;
    private int stsPort;
    private Duration tokenLifetime = Duration.ofHours(12);
    private Path recordsDirectory;
    private String accountId = ACCOUNT_ID;
    private String region = REGION;
    private String partition;
    private String accessKeyId = ACCESS_KEY_ID;
    private String secretAccessKey = SECRET_ACCESS_KEY;

    /**
     * @param workDirectory folder for the registry's configuration, data and log
     * @param certificateDirectory folder of {@link LocalEcrCertificates}, created if missing
     */
    public Options(Path workDirectory, Path certificateDirectory) {
      this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
      this.certificateDirectory =
          Objects.requireNonNull(certificateDirectory, "certificateDirectory");
    }

    /** Sets the API's TCP port, 0 for any free port (the default). */
    public Options apiPort(int port) {
      this.apiPort = checkPort(port);
      return this;
    }

    /** Sets the registry front's TCP port, 0 for any free port (the default). */
    public Options registryPort(int port) {
      this.registryPort = checkPort(port);
      return this;
    }

    /** Sets the STS endpoint's TCP port, 0 for any free port (the default). */
    public Options stsPort(int port) {
      this.stsPort = checkPort(port);
      return this;
    }

    /** Sets how long registry passwords stay valid after issue (default 12 hours, as on ECR). */
    public Options tokenLifetime(Duration lifetime) {
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("Token lifetime must be positive: " + lifetime);
      }
      this.tokenLifetime = lifetime;
      return this;
    }

    /**
     * Records, for checks from another process, the operation name of every API call in
     * {@code api-calls.log}, every issued registry password in {@code issued-passwords.log} and every
     * request the registry front handled in {@code registry-requests.log}, one per line, in
     * {@code directory} (default: no records). The passwords are only valid for this local
     * ECR; a build's log is checked against them to prove that it never prints one.
     */
    public Options recordsDirectory(Path directory) {
      this.recordsDirectory = directory;
      return this;
    }

    /** Sets the account ID, which is also the registry ID (default {@value LocalEcr#ACCOUNT_ID}). */
    public Options accountId(String id) {
      this.accountId = Objects.requireNonNull(id, "accountId");
      return this;
    }

    /**
     * Sets the region, the only one the API and STS accept in a SigV4 credential scope (default
     * {@value LocalEcr#REGION}).
     */
    public Options region(String code) {
      this.region = Objects.requireNonNull(code, "region");
      return this;
    }

    /**
     * Sets the partition, {@code aws}, {@code aws-cn} or {@code aws-us-gov}, which ARNs name
     * (default: the region's partition). {@link LocalEcr#start} rejects a region of another one.
     */
    public Options partition(String name) {
      this.partition = Objects.requireNonNull(name, "partition");
      return this;
    }

    /** Sets the IAM user's access key (default {@value LocalEcr#ACCESS_KEY_ID} and its secret). */
    public Options accessKey(String id, String secret) {
      this.accessKeyId = Objects.requireNonNull(id, "id");
      this.secretAccessKey = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /**
     * Returns the account these options describe.
     *
     * @throws IllegalArgumentException if a value is invalid or the region is not in the partition
     */
    LocalEcrAccount account() {
      return new LocalEcrAccount(accountId, region,
          partition != null ? partition : LocalEcrAccount.partitionOf(region), accessKeyId,
          secretAccessKey);
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Invalid TCP port " + port + ": expected 0 to 65535");
      }
      return port;
    }
  }

  private final LocalEcrState state;
  private final LocalEcrCertificates certificates;
  private final DistributionProcess registry;
  private final RegistryFront front;
  private final EcrApiServer api;
  private final StsApiServer sts;

  private LocalEcr(
      LocalEcrState state,
      LocalEcrCertificates certificates,
      DistributionProcess registry,
      RegistryFront front,
      EcrApiServer api,
      StsApiServer sts) {
    this.state = state;
    this.certificates = certificates;
    this.registry = registry;
    this.front = front;
    this.api = api;
    this.sts = sts;
  }

  /**
   * Starts a local ECR and returns once every part responds.
   *
   * @throws IOException if a part fails to start, for example because {@code docker-registry}
   *     is not installed or a port is taken; the parts already started are stopped
   */
  public static LocalEcr start(Options options) throws IOException {
    LocalEcrAccount account = options.account();
    Path workDirectory = Files.createDirectories(options.workDirectory.toAbsolutePath());
    LocalEcrCertificates certificates = LocalEcrCertificates.ensure(options.certificateDirectory);
    LocalEcrState state = new LocalEcrState(Clock.systemUTC(), options.tokenLifetime, options.recordsDirectory,
        account);
    ObjectMapper mapper = new ObjectMapper();

    DistributionProcess registry = DistributionProcess.start(workDirectory);
    RegistryFront front = null;
    EcrApiServer api = null;
    try {
      front =
          RegistryFront.start(
              options.registryPort, certificates.serverKeyStore(), registry.baseUri(), state,
              mapper);
      EcrOperations operations =
          new EcrOperations(
              state,
              new RegistryInventory(registry.baseUri(), mapper),
              mapper,
              front.host(),
              workDirectory.resolve("registry-data/docker/registry/v2/repositories"));
      SigV4Verifier verifier = new SigV4Verifier(state.principals(), account.region(), "ecr");
      api = EcrApiServer.start(options.apiPort, state, verifier, operations, mapper);
      StsApiServer sts = StsApiServer.start(
          options.stsPort, state, new SigV4Verifier(state.principals(), account.region(), "sts"));
      LocalEcr ecr = new LocalEcr(state, certificates, registry, front, api, sts);
      LOG.log(System.Logger.Level.INFO, "Local ECR of account " + account.accountId() + " in "
          + account.region() + " (" + account.partition() + ") started: API " + ecr.apiEndpoint()
          + ", STS " + ecr.stsEndpoint() + ", registry https://" + ecr.registryHost());
      return ecr;
    } catch (IOException | RuntimeException e) {
      if (api != null) {
        api.close();
      }
      if (front != null) {
        front.close();
      }
      registry.close();
      throw e;
    }
  }

  /** Returns the API endpoint, {@code http://127.0.0.1:PORT}, for the SDK's endpoint override. */
  public URI apiEndpoint() {
    return api.endpoint();
  }

  /**
   * Returns the STS endpoint, {@code http://127.0.0.1:PORT}, for the endpoint override of an
   * {@code StsClient} in this local ECR's region. It serves only {@code AssumeRole}.
   */
  public URI stsEndpoint() {
    return sts.endpoint();
  }

  /** Returns the registry's {@code localhost:PORT}, the host part of image references. */
  public String registryHost() {
    return front.host();
  }

  /** Returns the account, region, partition and IAM user key of this local ECR. */
  public LocalEcrAccount account() {
    return state.account();
  }

  /** Returns the account ID, which is also the registry ID. */
  public String accountId() {
    return state.account().accountId();
  }

  /** Returns the region, such as {@value #REGION}. */
  public String region() {
    return state.account().region();
  }

  /** Returns the partition: {@code aws}, {@code aws-cn} or {@code aws-us-gov}. */
  public String partition() {
    return state.account().partition();
  }

  /** Returns the IAM user's access key ID. */
  public String accessKeyId() {
    return state.account().accessKeyId();
  }

  /** Returns the IAM user's secret access key. */
  public String secretAccessKey() {
    return state.account().secretAccessKey();
  }

  /** Returns the ARN of the IAM user whose key {@link #accessKeyId()} is. */
  public String userArn() {
    return state.account().userArn();
  }

  /**
   * Returns the registry host ECR would give this account, such as
   * {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}. Clients reach {@link #registryHost()}
   * in its place through a registry endpoint override.
   */
  public String canonicalRegistryHost() {
    return state.account().canonicalRegistryHost();
  }

  /** Returns the PKCS #12 trust store (password {@code changeit}) that Java clients need. */
  public Path trustStore() {
    return certificates.trustStore();
  }

  /** Returns the folder with only the CA certificate, for {@code --cert-dir} of skopeo or podman. */
  public Path caCertDirectory() {
    return certificates.caCertDirectory();
  }

  /**
   * Returns how many API calls named {@code operation} (for example {@code "DescribeImages"}) were
   * received since start or the last {@link #resetCounters()}, rejected calls included.
   */
  public long apiCallCount(String operation) {
    return state.apiCallCount(operation);
  }

  /** Returns a snapshot of the API call counts by operation name. */
  public Map<String, Long> apiCallCounts() {
    return state.apiCallCounts();
  }

  /** Returns the request body bytes the registry front received, manifests included. */
  public long registryBytesReceived() {
    return state.registryBytesReceived();
  }

  /** Returns the response body bytes the registry front sent, blobs and manifests included. */
  public long registryBytesSent() {
    return state.registryBytesSent();
  }

  /**
   * Returns the API calls (ECR and STS) that passed the signature check since start or the last
   * {@link #resetCounters()}, oldest first, with the principal that made each. Only the latest
   * 1000 calls are kept.
   */
  public List<ApiCall> apiCalls() {
    return state.recentCalls();
  }

  /** Returns the principal ARN of the latest API call that passed the signature check, if any. */
  public Optional<String> lastCallerArn() {
    List<ApiCall> calls = state.recentCalls();
    return calls.isEmpty()
        ? Optional.empty() : Optional.of(calls.get(calls.size() - 1).principalArn());
  }

  /**
   * Registers a role that the local STS lets {@code AssumeRole} assume, replacing an earlier
   * registration of the same ARN. Any other role ARN, and a request whose {@code ExternalId}
   * differs from {@code requiredExternalId}, fails with STS's {@code AccessDenied}. A role without
   * a required external ID accepts any or none, as a trust policy without an
   * {@code sts:ExternalId} condition does. The issued credentials are valid for the ECR API and the
   * STS endpoint, not for the registry front, which takes only registry passwords.
   *
   * @param roleArn {@code arn:aws:iam::ACCOUNT:role/NAME}, optionally with a path before NAME
   * @throws IllegalArgumentException if {@code roleArn} is not an IAM role ARN
   */
  public void registerRole(String roleArn, Optional<String> requiredExternalId) {
    state.principals().registerRole(roleArn, requiredExternalId);
  }

  /**
   * Registers the roles of a JSON file, as {@code LocalEcrMain start --roles FILE} does:
   * <pre>
   * [{"roleArn": "arn:aws:iam::123456789012:role/deploy", "externalId": "build-42"},
   *  {"roleArn": "arn:aws:iam::123456789012:role/push"}]
   * </pre>
   * {@code externalId} is optional, and {@link #registerRole} describes its effect.
   *
   * @throws IOException if the file cannot be read or is not valid JSON
   * @throws IllegalArgumentException if an entry has the wrong form or an invalid ARN
   */
  public void loadRoles(Path file) throws IOException {
    state.principals().load(new ObjectMapper().readTree(file.toFile()));
  }

  /**
   * Sets the API call counts, {@link #registryBytesReceived()} and {@link #registryBytesSent()} to
   * zero and clears {@link #apiCalls()}.
   */
  public void resetCounters() {
    state.resetCounters();
  }

  /**
   * Creates a repository with ECR's defaults, as {@code CreateRepository} would, without counting
   * an API call.
   *
   * @throws IllegalArgumentException if the name is not a valid ECR repository name
   * @throws IllegalStateException if the repository exists
   */
  public void createRepository(String name) {
    if (name.length() < 2 || name.length() > 256
        || !EcrRequests.REPOSITORY_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid ECR repository name: '" + name + "'");
    }
    LocalEcrState.Repository repository = LocalEcrState.Repository.withDefaults(name, state.now());
    if (!state.addRepository(repository)) {
      throw new IllegalStateException("Repository '" + name + "' already exists");
    }
  }

  /**
   * Makes every API call of {@code action} (for example {@code "CreateRepository"} or
   * {@code "ecr:PutImage"}) on a repository whose name matches {@code repositoryNamePattern} fail
   * with {@code AccessDeniedException}, as for a caller whose IAM policies do not allow it. In the
   * pattern, {@code *} matches any run of characters. The registry applies the same rules to the
   * actions a push or pull stands for ({@code InitiateLayerUpload}, {@code PutImage},
   * {@code BatchGetImage} and so on), and a push that would create a repository needs
   * {@code CreateRepository}.
   */
  public void denyAction(String action, String repositoryNamePattern) {
    state.accessFaults().denyAction(action, repositoryNamePattern);
  }

  /**
   * Makes {@code CreateRepository} with this KMS key fail with ECR's {@code KmsException}, as when
   * the caller may not create grants on the key. A push that a repository creation template with
   * this key would create the repository for fails too, with 403 {@code DENIED} and the KMS error
   * of the template's repository creation role (else the caller). Give the key as the ARN that
   * {@code DescribeRepositories} would report for it.
   */
  public void unusableKmsKey(String keyArn) {
    state.accessFaults().unusableKmsKey(keyArn);
  }

  /**
   * Declares {@code registryId} (12 digits) another account's registry whose repositories do not
   * let the caller act, so that calls naming it fail with {@code AccessDeniedException}. Every
   * registry ID other than {@link #accountId()} already behaves so.
   */
  public void otherAccountRegistry(String registryId) {
    state.accessFaults().otherAccountRegistry(registryId);
  }

  /**
   * Adds the faults of a JSON file, as {@code LocalEcrMain start --faults FILE} does:
   * <pre>
   * {"denyActions": [{"action": "CreateRepository", "repository": "team/*"}],
   *  "unusableKmsKeys": ["arn:aws:kms:eu-west-1:123456789012:key/..."],
   *  "otherAccountRegistries": ["210987654321"]}
   * </pre>
   * Every member is optional.
   *
   * @throws IOException if the file cannot be read or is not valid JSON
   * @throws IllegalArgumentException if a member has the wrong form
   */
  public void loadFaults(Path file) throws IOException {
    state.accessFaults().load(new ObjectMapper().readTree(file.toFile()));
  }

  /**
   * Makes {@code BatchGetImage} in {@code repository} report every tag as not found while
   * {@code stale} is true, as a read that ran just before another build pushed would. Pushes still
   * meet the repository's real tags, so a test can play the race between a client's tag check and
   * its push.
   */
  public void staleManifestReads(String repository, boolean stale) {
    state.staleManifestReads(repository, stale);
  }

  /**
   * Makes the registry respond to {@code times} requests to {@code repository} with {@code status}, such
   * as 500, 503 or 429, and a {@code Retry-After} header when {@code retryAfterSeconds} is not null.
   * Only requests whose method is {@code method} ({@code *} for any) and whose route after
   * {@code /v2/<repository>/} starts with {@code routePrefix} (such as {@code blobs/uploads} or
   * {@code manifests/}) count. A negative {@code times} makes the fault persistent.
   */
  public void failRegistryRequests(String repository, String method, String routePrefix, int status,
      Integer retryAfterSeconds, int times) {
    state.registryFaults().add(new RegistryFaults.Rule(RegistryFaults.Action.STATUS, method, routePrefix,
        repository, status, Optional.ofNullable(retryAfterSeconds), times, 0));
  }

  /**
   * Makes the registry close the connection in the middle of the next {@code times} blob uploads to
   * {@code repository}, after reading part of the uploaded content.
   */
  public void resetBlobUploads(String repository, int times) {
    state.registryFaults().add(new RegistryFaults.Rule(RegistryFaults.Action.RESET, "PATCH", "blobs/uploads",
        repository, 0, Optional.empty(), times, 0));
    state.registryFaults().add(new RegistryFaults.Rule(RegistryFaults.Action.RESET, "PUT", "blobs/uploads",
        repository, 0, Optional.empty(), times, 0));
  }

  /**
   * Expires the registry password of the request after {@code requestsBefore} requests to
   * {@code repository} passed, so that a push loses its token halfway.
   */
  public void expireTokenDuringPush(String repository, int requestsBefore) {
    state.registryFaults().add(new RegistryFaults.Rule(RegistryFaults.Action.EXPIRE_TOKENS, "*", "",
        repository, 0, Optional.empty(), 1, requestsBefore));
  }

  /**
   * Rejects the next {@code times} calls of {@code operation} (such as {@code DescribeRepositories})
   * on {@code repository} with {@code ThrottlingException}. Use {@code *} as the repository for calls
   * that name none, such as {@code GetAuthorizationToken}.
   */
  public void throttleApiCalls(String operation, String repository, int times) {
    state.accessFaults().throttle(operation, repository, times);
  }

  /**
   * Makes the registry read every blob upload to {@code repository} at no more than
   * {@code bytesPerSecond}, as over a slow link.
   */
  public void throttleBlobUploads(String repository, long bytesPerSecond) {
    for (String method : new String[] {"PATCH", "PUT"}) {
      state.registryFaults().add(new RegistryFaults.Rule(RegistryFaults.Action.THROTTLE, method, "blobs/uploads",
          repository, 0, Optional.empty(), -1, 0, bytesPerSecond));
    }
  }

  /**
   * Makes {@code DescribeImages} in {@code repository} lag {@code lag} behind the registry: an image
   * is listed only once that time has passed since its push, as ECR's listing can trail a push.
   */
  public void describeImagesLag(String repository, java.time.Duration lag) {
    state.describeImagesLag(repository, lag);
  }

  /**
   * Returns every secret of this local ECR: its secret access key, and the registry passwords and
   * STS secret keys and session tokens it issued, so that tests can check that no message shows one.
   */
  public java.util.Set<String> knownSecrets() {
    java.util.Set<String> secrets = new java.util.HashSet<>(state.issuedSecrets());
    secrets.add(SECRET_ACCESS_KEY);
    return secrets;
  }

  /**
   * Sets the scan of the image {@code digest} in {@code repository}, replacing an earlier one: each
   * {@code DescribeImageScanFindings} call reports the next of {@code statuses} (such as
   * {@code IN_PROGRESS} then {@code COMPLETE}, or {@code PENDING} then {@code ACTIVE} for enhanced
   * scanning), and the last one stays. A finished scan reports {@code findings}, in the basic or enhanced
   * shape as the registry's scan type decides.
   */
  public void scanFindings(String repository, String digest, List<String> statuses,
      List<LocalScanFinding> findings) {
    state.imageScans().script(repository, digest, statuses, findings, state.now());
  }

  /**
   * Makes the local STS accept {@code token} in {@code AssumeRoleWithWebIdentity}, as the token of an
   * identity provider that the role trusts.
   */
  public void registerWebIdentityToken(String token) {
    state.principals().registerWebIdentityToken(token);
  }

  /** Removes the registry faults of {@code repository}. */
  public void clearRegistryFaults(String repository) {
    state.registryFaults().clear(repository);
  }

  /** Removes every fault that {@link #denyAction} and the other fault methods added. */
  public void clearFaults() {
    state.accessFaults().clear();
  }

  /**
   * Issues a registry password, as {@code GetAuthorizationToken} would, without counting an API
   * call. The registry accepts it as Basic {@code AWS:<password>} until the token lifetime ends.
   */
  public String issueRegistryPassword() {
    return state.issuePassword().password();
  }

  /** Stops the API, the STS endpoint, the registry front and the registry process. */
  @Override
  public void close() {
    api.close();
    sts.close();
    front.close();
    registry.close();
    LOG.log(System.Logger.Level.INFO, "Local ECR stopped");
  }

  /** Returns a factory of daemon threads named {@code prefix-N}. */
  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
