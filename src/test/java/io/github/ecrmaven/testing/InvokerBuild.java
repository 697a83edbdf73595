package io.github.ecrmaven.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * Checks of an invoker build against the local ECR it published to, for the {@code setup.groovy} and
 * {@code verify.groovy} scripts under {@code src/it}. The local ECR runs in another process, with its
 * files in {@code target/local-ecr}.
 */
public final class InvokerBuild {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CALL_COUNT_FILE = "api-calls-before.txt";

  private final Path basedir;
  private final LocalEcrAccess localEcr;

  private InvokerBuild(Path basedir, LocalEcrAccess localEcr) {
    this.basedir = basedir;
    this.localEcr = localEcr;
  }

  /** Returns the checks for the invoker project in {@code basedir}, which is under {@code target/it}. */
  public static InvokerBuild of(File basedir) throws IOException {
    Path project = basedir.toPath().toAbsolutePath();
    return new InvokerBuild(project, LocalEcrAccess.fromDirectory(project.getParent().getParent().resolve("local-ecr")));
  }

  /**
   * Copies the sources of an application under {@code examples/} into the project, so that the invoker
   * build publishes the same application as the demo.
   */
  public void copyExampleSources(String example) throws IOException {
    copyExampleSources(example, ".");
  }

  /** Copies the sources of an application under {@code examples/} into a module folder of the project. */
  public void copyExampleSources(String example, String moduleDirectory) throws IOException {
    copySources(projectRoot().resolve("examples").resolve(example).resolve("src"), moduleDirectory);
  }

  /**
   * Copies the sources of another invoker project under {@code src/it} into a module folder of the
   * project, so that one application serves several checks.
   */
  public void copyInvokerProjectSources(String invokerProject, String moduleDirectory) throws IOException {
    copySources(projectRoot().resolve("src/it").resolve(invokerProject).resolve("src"), moduleDirectory);
  }

  /** Returns the plugin's own project directory, three levels above the invoker project in {@code target/it}. */
  private Path projectRoot() {
    return basedir.getParent().getParent().getParent();
  }

  private void copySources(Path source, String moduleDirectory) throws IOException {
    Path targetRoot = basedir.resolve(moduleDirectory).resolve("src");
    try (java.util.stream.Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = targetRoot.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Records the number of API calls so far, for {@link #apiCallsDuringBuild()}. */
  public void recordApiCallsBeforeBuild() throws IOException {
    Files.writeString(basedir.resolve(CALL_COUNT_FILE), String.valueOf(localEcr.apiCalls().size()));
  }

  /** Returns the operations the local ECR received since {@link #recordApiCallsBeforeBuild()}, in order. */
  public List<String> apiCallsDuringBuild() throws IOException {
    int before = Integer.parseInt(Files.readString(basedir.resolve(CALL_COUNT_FILE)).trim());
    List<String> calls = localEcr.apiCalls();
    return new ArrayList<>(calls.subList(before, calls.size()));
  }

  /** Fails when the build log contains any registry password the local ECR issued. */
  public void verifyNoPasswordInBuildLog() throws IOException {
    String log = buildLog();
    List<String> passwords = localEcr.issuedPasswords();
    check(!passwords.isEmpty(), "the local ECR issued no password, so the check would prove nothing");
    for (String password : passwords) {
      check(!log.contains(password), "build.log contains a registry password that the local ECR issued");
    }
  }

  /**
   * Fails when any file of the build, its log and everything under {@code target/} included, contains
   * a registry password the local ECR issued, the secret access key of the build's environment, or a
   * secret key or session token the local STS issued.
   */
  public void verifyNoSecrets() throws IOException {
    List<String> secrets = new ArrayList<>(localEcr.issuedPasswords());
    secrets.addAll(localEcr.issuedSecrets());
    secrets.add(io.github.ecrmaven.localecr.LocalEcr.SECRET_ACCESS_KEY);
    try (java.util.stream.Stream<Path> files = Files.walk(basedir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        // Every secret is ASCII, so ISO-8859-1 maps each byte to one character and finds it anywhere.
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          check(!content.contains(secret), basedir.relativize(file) + " contains a secret of the build");
        }
      }
    }
  }

  /** Returns the build log's text. */
  public String buildLog() throws IOException {
    return Files.readString(basedir.resolve("build.log"), StandardCharsets.UTF_8);
  }

  /** Reads the push report of the module in {@code moduleDirectory}, relative to the project. */
  public JsonNode pushReport(String moduleDirectory) throws IOException {
    return JSON.readTree(basedir.resolve(moduleDirectory).resolve("target/ecr-image.json").toFile());
  }

  /**
   * Checks a module's push report against the registry and the ECR API: the digest file matches, every
   * tag resolves through skopeo to the report's digest, and {@code DescribeImages} lists the digest
   * with every tag.
   *
   * @param moduleDirectory the module folder relative to the project, {@code .} for the project itself
   * @return the image configuration of the pushed image
   * @throws AssertionError naming the tag and both digests when they differ
   */
  public JsonNode verifyPushed(String moduleDirectory, List<String> expectedTags) throws IOException {
    JsonNode report = pushReport(moduleDirectory);
    String image = report.get("image").asText();
    String digest = report.get("imageDigest").asText();
    List<String> reportedTags = new ArrayList<>();
    report.get("tags").forEach(tag -> reportedTags.add(tag.asText()));
    check(reportedTags.equals(expectedTags), "report tags " + reportedTags + ", expected " + expectedTags);
    Path digestFile = basedir.resolve(moduleDirectory).resolve("target/ecr-image.digest");
    check(Files.readString(digestFile).trim().equals(digest), "ecr-image.digest differs from the report's " + digest);

    Skopeo.Inspection byDigest = localEcr.inspect(image + "@" + digest);
    check(byDigest.manifestDigest().equals(digest), "registry digest " + byDigest.manifestDigest() + ", report " + digest);
    for (String tag : expectedTags) {
      String tagDigest = localEcr.inspect(image + ":" + tag).manifestDigest();
      check(tagDigest.equals(digest), "tag " + tag + " points at " + tagDigest + ", the report says " + digest);
    }

    ImageDetail detail = localEcr.describeImage(report.get("repositoryName").asText(), digest);
    check(detail.imageTags().containsAll(expectedTags), "DescribeImages lists the tags " + detail.imageTags());
    return byDigest.config();
  }

  /** Reads an image's manifest and configuration from the local registry with skopeo. */
  public Skopeo.Inspection inspect(String imageReference) throws IOException {
    return localEcr.inspect(imageReference);
  }

  /** Returns the digest of every image that {@code DescribeImages} lists in a repository. */
  public List<String> imageDigests(String repository) {
    return localEcr.imageDigests(repository);
  }

  /** Returns what {@code DescribeRepositories} lists for a repository. */
  public Repository describeRepository(String name) {
    return localEcr.describeRepository(name);
  }

  /** Returns a repository's resource tags. */
  public java.util.Map<String, String> repositoryTags(String name) {
    return localEcr.repositoryTags(name);
  }

  /** Loads an image archive of the project with podman, runs the image it names and returns its output. */
  public String runArchive(String archive, String imageReference) throws IOException {
    ExternalTool.Result result = localEcr.runArchive(basedir.resolve(archive), imageReference);
    check(result.exitCode() == 0, "the container exited with " + result.exitCode() + ": " + result.output());
    return result.stdout();
  }

  /** Pulls and runs an image with podman and returns its standard output; fails when it exits non-zero. */
  public String runImage(String imageReference) throws IOException {
    ExternalTool.Result result = localEcr.runImage(imageReference, List.of());
    check(result.exitCode() == 0, "the container exited with " + result.exitCode() + ": " + result.output());
    return result.stdout();
  }

  /**
   * Runs an image with podman in the host's network and returns the body of its server's response to
   * {@code GET http://127.0.0.1:<port><path>}, see {@link LocalEcrAccess#askServer}.
   */
  public String askServer(
      String imageReference, List<String> runOptions, List<String> containerArguments, int port, String path)
      throws IOException, InterruptedException {
    return localEcr.askServer(imageReference, runOptions, containerArguments, port, path);
  }

  /** Returns a TCP port that is free on 127.0.0.1 now, for a server in a container. */
  public static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
