package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.RepositoryCreation;
import io.github.ecrmaven.ecr.RepositorySettings;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.image.ApplicationLayers;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.RegistryAccess;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.LocalEcrClients;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import io.github.ecrmaven.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Pushes through registry faults that the local ECR injects, and checks that transient ones end in a
 * verified push and persistent ones in a bounded failure that moved no tag and wrote no report.
 */
class RegistryFaultTest {
  private static LocalEcr ecr;
  private static EcrClient client;
  private static String baseImage;
  @TempDir Path buildDirectory;
  @TempDir Path classes;

  @BeforeAll
  static void startLocalEcr() {
    ecr = SharedLocalEcr.get();
    client = LocalEcrClients.client(ecr);
    baseImage = SharedLocalEcr.baseImage();
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  /** Creates the repository first, so that faults apply to the push alone. */
  private static String newRepository() {
    String name = "faults/app-" + UUID.randomUUID().toString().substring(0, 8);
    client.createRepository(request -> request.repositoryName(name));
    return name;
  }

  private PublishRequest request(String repository, List<String> tags) throws Exception {
    return request(repository, tags, 1_000_000);
  }

  private PublishRequest request(String repository, List<String> tags, int dependencySize) throws Exception {
    PublisherTest.compileHello(classes, "hello " + repository);
    // A dependency of its own per repository, so that every push uploads a layer of that size.
    Path dependency = buildDirectory.resolve("library-" + repository.hashCode() + ".jar");
    byte[] content = new byte[dependencySize];
    new Random(repository.hashCode()).nextBytes(content);
    Files.write(dependency, content);
    return new PublishRequest(
        TargetImage.resolve(null, repository, tags),
        AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null),
        RepositoryCreation.REQUIRE,
        RepositorySettings.none(),
        false,
        RegistryAccess.anonymous(baseImage),
        new ApplicationLayers(List.of(dependency), List.of(), List.of(), classes),
        Optional.empty(),
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of()),
        buildDirectory);
  }

  private static Optional<String> digestOf(String repository, String tag) {
    return LocalEcrClients.tagDigest(client, repository, tag);
  }

  private PublishResult publishThrough(String repository, RecordingLog log) throws Exception {
    return publishThrough(repository, log, 1_000_000);
  }

  private PublishResult publishThrough(String repository, RecordingLog log, int dependencySize) throws Exception {
    try {
      return new Publisher(log).publish(request(repository, List.of("1.0", "stable"), dependencySize));
    } finally {
      ecr.clearRegistryFaults(repository);
    }
  }

  private void assertNothingPublished(String repository) {
    assertEquals(Optional.empty(), digestOf(repository, "1.0"));
    assertEquals(Optional.empty(), digestOf(repository, "stable"));
    assertFalse(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)), "push report after a failed push");
  }

  @Test
  void transientStatusesAreRetried() throws Exception {
    for (int status : new int[] {500, 503, 429}) {
      String repository = newRepository();
      ecr.failRegistryRequests(repository, "POST", "blobs/uploads", status, null, 2);

      RecordingLog log = new RecordingLog();
      PublishResult result = publishThrough(repository, log);

      // Jib retries some requests itself, so the plugin gets one or both of the two failures.
      assertTrue(log.warnings().stream().anyMatch(warning -> warning.contains("failed with HTTP " + status)),
          log.warnings().toString());
      assertEquals(Optional.of(result.imageDigest()), digestOf(repository, "1.0"), "after HTTP " + status);
      assertEquals(Optional.of(result.imageDigest()), digestOf(repository, "stable"), "after HTTP " + status);
    }
  }

  @Test
  void retryAfterIsHonoured() throws Exception {
    String repository = newRepository();
    ecr.failRegistryRequests(repository, "PUT", "manifests/", 429, 2, 1);
    RecordingLog log = new RecordingLog();
    long start = System.nanoTime();

    PublishResult result = publishThrough(repository, log);

    assertTrue(System.nanoTime() - start >= 2_000_000_000L, "the push waited less than Retry-After");
    assertEquals(Optional.of(result.imageDigest()), digestOf(repository, "stable"));
    assertTrue(log.warnings().stream().anyMatch(warning -> warning.contains("failed with HTTP 429")),
        log.warnings().toString());
    assertTrue(log.warnings().stream().anyMatch(warning -> warning.contains("trying again in 2 s")),
        log.warnings().toString());
  }

  @Test
  void persistentStatusFailsNamingIt() throws Exception {
    String repository = newRepository();
    ecr.failRegistryRequests(repository, "POST", "blobs/uploads", 503, null, -1);

    PublishException e = assertThrows(PublishException.class, () -> publishThrough(repository, new RecordingLog()));

    assertTrue(e.getMessage().contains("HTTP 503 on each of " + PushAttempts.MAX_ATTEMPTS + " attempts"),
        e.getMessage());
    assertTrue(e.getMessage().contains(ecr.registryHost()), e.getMessage());
    assertNothingPublished(repository);
  }

  @Test
  void connectionResetDuringUploadIsRetried() throws Exception {
    String repository = newRepository();
    ecr.resetBlobUploads(repository, 1);
    RecordingLog log = new RecordingLog();

    PublishResult result = publishThrough(repository, log);

    assertTrue(log.warnings().stream().anyMatch(warning -> warning.contains("failed")), log.warnings().toString());

    assertEquals(Optional.of(result.imageDigest()), digestOf(repository, "1.0"));
  }

  @Test
  void expiredTokenIsRefreshedOnce() throws Exception {
    String repository = newRepository();
    long tokensBefore = ecr.apiCallCount("GetAuthorizationToken");
    ecr.expireTokenDuringPush(repository, 3);
    RecordingLog log = new RecordingLog();

    PublishResult result = publishThrough(repository, log);

    assertTrue(log.warnings().stream().anyMatch(warning -> warning.contains("Fetching a new token")),
        log.warnings().toString());

    assertEquals(Optional.of(result.imageDigest()), digestOf(repository, "stable"));
    assertTrue(ecr.apiCallCount("GetAuthorizationToken") > tokensBefore, "no new token was fetched");
  }

  @Test
  void throttlingBurstIsRetriedBySdk() throws Exception {
    String repository = newRepository();
    ecr.throttleApiCalls("DescribeRepositories", repository, 2);
    ecr.throttleApiCalls("DescribeImages", repository, 2);

    PublishResult result = publishThrough(repository, new RecordingLog());

    assertEquals(Optional.of(result.imageDigest()), digestOf(repository, "1.0"));
  }

  @Test
  void persistentThrottlingFailsNamingIt() throws Exception {
    String repository = newRepository();
    ecr.throttleApiCalls("DescribeRepositories", repository, 100);

    PublishException e = assertThrows(PublishException.class, () -> publishThrough(repository, new RecordingLog()));

    assertTrue(e.getMessage().contains("ThrottlingException: Rate exceeded"), e.getMessage());
    assertTrue(e.getMessage().contains("run fewer builds against the registry at once"), e.getMessage());
    assertNothingPublished(repository);
    ecr.throttleApiCalls("DescribeRepositories", repository, 0);
  }

  @Test
  void slowLinkSucceedsWithProgress() throws Exception {
    String repository = newRepository();
    // Loopback socket buffers take the first megabytes of an upload at once, so the layer is larger
    // than them, and the rest takes a few seconds at this rate.
    ecr.throttleBlobUploads(repository, 4_000_000);
    RecordingLog log = new RecordingLog();

    PublishResult result = publishThrough(repository, log, 24_000_000);

    assertEquals(Optional.of(result.imageDigest()), digestOf(repository, "1.0"));
    assertTrue(log.progress().size() >= 2, "progress lines: " + log.progress());
    assertTrue(log.progress().stream().anyMatch(line -> line.matches("Pushing: \\d+ % done, \\d+ of \\d+ layers .*")),
        log.progress().toString());
  }

  @Test
  void laggingDescribeImagesIsWaitedFor() throws Exception {
    String repository = newRepository();
    ecr.describeImagesLag(repository, java.time.Duration.ofSeconds(2));

    PublishResult result = publishThrough(repository, new RecordingLog());

    assertEquals(Optional.of(result.imageDigest()), digestOf(repository, "1.0"));
    assertTrue(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)), "push report after a verified push");
  }

  @Test
  void stoppedEcrFailsNamingEndpoint() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort;
    PublishRequest base = request("faults/stopped", List.of("1.0"));
    PublishRequest request = new PublishRequest(base.target(), AwsSettings.of(LocalEcr.REGION, endpoint, null),
        base.repositoryCreation(), base.repositorySettings(), false, base.baseImage(), base.layers(),
        base.manifestMainClass(), base.container(), base.buildDirectory());

    PublishException e = assertThrows(PublishException.class, () -> new Publisher(BuildLog.silent()).publish(request));

    assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
    assertFalse(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)), "push report after a failed push");
  }
}
