package io.github.ecrmaven.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * Access to a local ECR that runs in another process, started by {@code LocalEcrMain start}: its
 * environment file, API call log, ECR API, and images through skopeo and podman.
 */
public final class LocalEcrAccess {
  private final Path directory;
  private final Map<String, String> environment;

  private LocalEcrAccess(Path directory, Map<String, String> environment) {
    this.directory = directory;
    this.environment = environment;
  }

  /** Reads {@code local-ecr.env} in the local ECR's directory. */
  public static LocalEcrAccess fromDirectory(Path directory) throws IOException {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String line : Files.readAllLines(directory.resolve("local-ecr.env"), StandardCharsets.UTF_8)) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        environment.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return new LocalEcrAccess(directory, environment);
  }

  /** Returns the operation names of every API call so far, in order. */
  public List<String> apiCalls() throws IOException {
    return records("api-calls.log");
  }

  /** Returns every registry password the local ECR issued so far. */
  public List<String> issuedPasswords() throws IOException {
    return records("issued-passwords.log");
  }

  /** Returns the secret keys and session tokens the local STS issued so far. */
  public List<String> issuedSecrets() throws IOException {
    return records("issued-secrets.log");
  }

  private List<String> records(String fileName) throws IOException {
    Path file = directory.resolve(fileName);
    List<String> lines = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          lines.add(line.trim());
        }
      }
    }
    return lines;
  }

  /** Reads an image's manifest digest and configuration with skopeo. */
  public Skopeo.Inspection inspect(String imageReference) throws IOException {
    return Skopeo.inspect(imageReference, "AWS", registryPassword(), caDirectory());
  }

  /** Pulls and runs an image with podman, returning its exit code and output. */
  public ExternalTool.Result runImage(String imageReference, List<String> arguments) throws IOException {
    return Podman.runImage(imageReference, "AWS", registryPassword(), caDirectory(), arguments, Duration.ofMinutes(2));
  }

  /**
   * Pulls an image and starts it with podman in the host's network, waits until a server in it responds to
   * {@code GET http://127.0.0.1:<port><path>} with status 200, and returns the body. The container is
   * removed afterwards.
   *
   * @param runOptions extra {@code podman run} options, such as {@code --env NAME=VALUE}
   * @param containerArguments the arguments after the image, such as the server's port option
   * @throws IOException with the container's output when the container exits or no response comes within
   *     two minutes
   */
  public String askServer(
      String imageReference, List<String> runOptions, List<String> containerArguments, int port, String path)
      throws IOException, InterruptedException {
    try (Podman podman = Podman.create(caDirectory())) {
      podman.login(Podman.registryOf(imageReference), "AWS", registryPassword());
      podman.pull(imageReference);
      List<String> options = new ArrayList<>(List.of("--network", "host"));
      options.addAll(runOptions);
      String container = podman.start(imageReference, options, containerArguments);
      URI uri = URI.create("http://127.0.0.1:" + port + path);
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      String lastProblem = "no attempt";
      while (System.nanoTime() < deadline) {
        try {
          HttpResponse<String> response = client.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            return response.body();
          }
          lastProblem = "status " + response.statusCode() + ": " + response.body();
        } catch (IOException e) {
          lastProblem = e.toString();
          if (!podman.isRunning(container)) {
            throw new IOException("The container of " + imageReference + " exited before " + uri + " responded."
                + " Container output:\n" + podman.logs(container));
          }
        }
        Thread.sleep(500);
      }
      throw new IOException("No answer from " + uri + " in the container of " + imageReference + " (last: "
          + lastProblem + "). Container output:\n" + podman.logs(container));
    }
  }

  /** Loads an image archive with podman and runs the image it names, returning its exit code and output. */
  public ExternalTool.Result runArchive(Path archive, String imageReference) throws IOException {
    return Podman.runArchive(archive, imageReference, caDirectory(), List.of(), Duration.ofMinutes(2));
  }

  /** Returns what {@code DescribeImages} lists for a digest. */
  public ImageDetail describeImage(String repository, String digest) {
    try (EcrClient client = ecrClient()) {
      return client
          .describeImages(request -> request.repositoryName(repository).imageIds(id -> id.imageDigest(digest)))
          .imageDetails()
          .get(0);
    }
  }

  /** Returns the digest of every image that {@code DescribeImages} lists in a repository. */
  public List<String> imageDigests(String repository) {
    try (EcrClient client = ecrClient()) {
      return client.describeImages(request -> request.repositoryName(repository)).imageDetails().stream()
          .map(ImageDetail::imageDigest)
          .toList();
    }
  }

  /** Returns what {@code DescribeRepositories} lists for a repository. */
  public Repository describeRepository(String name) {
    try (EcrClient client = ecrClient()) {
      return client.describeRepositories(request -> request.repositoryNames(name)).repositories().get(0);
    }
  }

  /** Returns a repository's resource tags. */
  public Map<String, String> repositoryTags(String name) {
    try (EcrClient client = ecrClient()) {
      String arn = client.describeRepositories(request -> request.repositoryNames(name)).repositories().get(0)
          .repositoryArn();
      Map<String, String> tags = new LinkedHashMap<>();
      client.listTagsForResource(request -> request.resourceArn(arn)).tags().forEach(tag -> tags.put(tag.key(), tag.value()));
      return tags;
    }
  }

  /** Fetches an authorization token from the ECR API and returns its password part. */
  public String registryPassword() {
    try (EcrClient client = ecrClient()) {
      AuthorizationData data = client.getAuthorizationToken(request -> {}).authorizationData().get(0);
      String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
      return decoded.substring(decoded.indexOf(':') + 1);
    }
  }

  private EcrClient ecrClient() {
    return EcrClient.builder()
        .endpointOverride(URI.create(environment.get("AWS_ENDPOINT_URL_ECR")))
        .region(Region.of(environment.get("AWS_REGION")))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"))))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  private Path caDirectory() {
    return Path.of(environment.get("LOCAL_ECR_CA_DIR"));
  }
}
