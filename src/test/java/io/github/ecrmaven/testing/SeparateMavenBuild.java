package io.github.ecrmaven.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs Maven builds of copies of an invoker project as separate processes, each with its own umask, time
 * zone and file modification times, for the check that two clean builds give the same image digest.
 *
 * <p>Each build uses the Maven installation, the settings and the local repository of the invoker builds,
 * so it needs no network but what they need, and the local ECR's environment: a credentials file and
 * endpoint of its own, and {@code AWS_EC2_METADATA_DISABLED=true}. Nothing else of this JVM's environment
 * reaches it.
 */
public final class SeparateMavenBuild {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final Path basedir;
  private final Path targetDirectory;
  private final Map<String, String> localEcrEnvironment;

  private SeparateMavenBuild(Path basedir, Path targetDirectory, Map<String, String> localEcrEnvironment) {
    this.basedir = basedir;
    this.targetDirectory = targetDirectory;
    this.localEcrEnvironment = localEcrEnvironment;
  }

  /** Returns the builds of the invoker project in {@code basedir}, which is under {@code target/it}. */
  public static SeparateMavenBuild of(File basedir) throws IOException {
    Path project = basedir.toPath().toAbsolutePath();
    Path target = project.getParent().getParent();
    Map<String, String> environment = new LinkedHashMap<>();
    for (String line : Files.readAllLines(target.resolve("local-ecr/local-ecr.env"), StandardCharsets.UTF_8)) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        environment.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return new SeparateMavenBuild(project, target, environment);
  }

  /** Returns the host and port of the local ECR's registry, such as {@code localhost:40123}. */
  public String localRegistry() {
    return localEcrEnvironment.get("LOCAL_ECR_REGISTRY");
  }

  /**
   * Copies the directory {@code source} of the project to {@code copy}, replacing an earlier copy, and
   * gives every copied file and directory the modification time {@code modificationTime}.
   *
   * @return the copy's absolute path
   */
  public Path copyProject(String source, String copy, Instant modificationTime) throws IOException {
    Path from = basedir.resolve(source);
    Path to = basedir.resolve(copy);
    deleteRecursively(to);
    List<Path> copied = new ArrayList<>();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.sorted().toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
        copied.add(target);
      }
    }
    // Children first, so that setting a file's time does not change its directory's time again.
    copied.sort(Comparator.reverseOrder());
    for (Path file : copied) {
      Files.setLastModifiedTime(file, FileTime.from(modificationTime));
    }
    return to;
  }

  /**
   * Runs {@code mvn -B -X} with {@code arguments} in {@code projectDirectory} through {@code sh}, after
   * {@code umask}, with {@code TZ} set to {@code timeZone}. The output goes to {@code logName} in the
   * invoker project, where the secrets check of the invoker build finds it.
   *
   * @param umask the octal umask, such as {@code 022} or {@code 077}
   * @param timeZone a time zone ID of the tz database, such as {@code UTC} or {@code Pacific/Kiritimati}
   * @throws AssertionError when the build fails or times out, naming the log
   */
  public void run(Path projectDirectory, String umask, String timeZone, List<String> arguments, String logName)
      throws IOException, InterruptedException {
    if (!umask.matches("[0-7]{3,4}")) {
      throw new IllegalArgumentException("Invalid umask '" + umask + "': use octal digits such as 022");
    }
    Path maven = Path.of(System.getProperty("maven.home"), "bin", "mvn");
    List<String> command = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\"",
        maven.toString(), "-B", "-X",
        "-s", targetDirectory.resolve("it/interpolated-settings.xml").toString(),
        "-Dmaven.repo.local=" + targetDirectory.resolve("local-repo"),
        "-DlocalRegistry=" + localRegistry()));
    command.addAll(arguments);

    Path log = basedir.resolve(logName);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(projectDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(environment(timeZone));
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("mvn " + String.join(" ", arguments) + " in " + projectDirectory
          + " timed out after " + TIMEOUT.toMinutes() + " minutes, see " + log);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("mvn " + String.join(" ", arguments) + " in " + projectDirectory
          + " failed with exit code " + process.exitValue() + ", see " + log);
    }
  }

  private Map<String, String> environment(String timeZone) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    environment.put("HOME", System.getProperty("user.home"));
    String cacheHome = System.getenv("XDG_CACHE_HOME");
    if (cacheHome != null) {
      // Where Jib keeps its base image cache, shared with the other invoker builds.
      environment.put("XDG_CACHE_HOME", cacheHome);
    }
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("LANG", "C.UTF-8");
    environment.put("TZ", timeZone);
    environment.put("MAVEN_OPTS", "-Djavax.net.ssl.trustStore=" + localEcrEnvironment.get("LOCAL_ECR_TRUSTSTORE")
        + " -Djavax.net.ssl.trustStorePassword=changeit");
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    environment.put("AWS_CONFIG_FILE", targetDirectory.resolve("it-aws/config").toString());
    // The keys come from the credentials file that the local ECR writes: -X output lists the environment.
    environment.put("AWS_SHARED_CREDENTIALS_FILE", targetDirectory.resolve("it-aws/credentials").toString());
    environment.put("AWS_REGION", localEcrEnvironment.get("AWS_REGION"));
    environment.put("AWS_ENDPOINT_URL_ECR", localEcrEnvironment.get("AWS_ENDPOINT_URL_ECR"));
    return environment;
  }

  /** Reads the {@code ecr:build} report, {@code target/ecr-build.json}, of a module of a copy. */
  public JsonNode buildReport(Path projectDirectory, String module) throws IOException {
    return JSON.readTree(projectDirectory.resolve(module).resolve("target/ecr-build.json").toFile());
  }

  /** Returns a file's permissions as {@code ls} shows them, such as {@code rw-r--r--}. */
  public static String permissions(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
