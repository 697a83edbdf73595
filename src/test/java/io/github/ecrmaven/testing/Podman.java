package io.github.ecrmaven.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs images from a registry with TLS and Basic authentication, using podman as root on a machine
 * without a container engine service.
 *
 * <p>Each instance has its own temporary folder with {@code containers.conf} (the runc runtime,
 * cgroupfs, no network namespace by default, {@code nofile} and {@code nproc} limits that need no
 * privilege to set, a file events log),
 * {@code storage.conf} (vfs storage inside the folder) and the login file, so it leaves the
 * machine's podman configuration and images alone. The settings are those that work where the
 * process lacks {@code CAP_SYS_RESOURCE} and crun rejects hybrid cgroups.
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * try (Podman podman = Podman.create(caDir)) {
 *   podman.login("localhost:5000", "AWS", password);
 *   podman.pull("localhost:5000/app:1");
 *   ExternalTool.Result result = podman.run("localhost:5000/app:1", List.of(), Duration.ofSeconds(60));
 * }
 * }</pre>
 */
public final class Podman implements AutoCloseable {

  /** The command that installs podman and what it needs to run containers here. */
  public static final String INSTALL_HINT =
      "apt-get install -y --no-install-recommends podman runc conmon catatonit";

  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(60);

  private final ExternalTool podman;
  private final Path folder;
  private final Path caDir;
  private final Map<String, String> environment;

  private Podman(ExternalTool podman, Path folder, Path caDir) {
    this.podman = podman;
    this.folder = folder;
    this.caDir = caDir;
    this.environment =
        Map.of(
            "CONTAINERS_CONF", folder.resolve("containers.conf").toString(),
            "CONTAINERS_STORAGE_CONF", folder.resolve("storage.conf").toString(),
            "REGISTRY_AUTH_FILE", folder.resolve("auth.json").toString(),
            "TMPDIR", folder.resolve("tmp").toString());
  }

  /**
   * Checks that podman, runc, conmon and catatonit are installed and writes the configuration into
   * a new temporary folder.
   *
   * @param caDir a folder of CA certificates ({@code *.crt}) that the registry's certificate chains
   *     to. It must not contain private keys, which podman would take for client certificates.
   * @throws IllegalStateException with an install hint if a program is missing
   */
  public static Podman create(Path caDir) throws IOException {
    ExternalTool podman = ExternalTool.locate("podman", INSTALL_HINT);
    ExternalTool runc = ExternalTool.locate("runc", INSTALL_HINT);
    ExternalTool conmon = ExternalTool.locate("conmon", INSTALL_HINT);
    ExternalTool.locate("catatonit", INSTALL_HINT);

    // close() deletes the folder, and so does a failure before this instance exists.
    Path folder = Files.createTempDirectory("podman-");
    try {
      Files.createDirectories(folder.resolve("tmp"));
      Files.writeString(folder.resolve("containers.conf"), containersConf(folder, runc, conmon), StandardCharsets.UTF_8);
      Files.writeString(folder.resolve("storage.conf"), storageConf(folder), StandardCharsets.UTF_8);
      // podman fails when REGISTRY_AUTH_FILE names a missing file, so runs without a login need an empty one.
      Files.writeString(folder.resolve("auth.json"), "{\"auths\": {}}", StandardCharsets.UTF_8);
      return new Podman(podman, folder, caDir.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      TestFiles.deleteRecursively(folder);
      throw e;
    }
  }

  /**
   * Logs in to a registry, reading the password from standard input.
   *
   * @param registry the registry host and port, such as {@code localhost:5000}
   */
  public void login(String registry, String username, String password) {
    podman.runOrFail(
        List.of("login", "--cert-dir", caDir.toString(), "-u", username, "--password-stdin", registry),
        environment,
        password.getBytes(StandardCharsets.UTF_8),
        LOGIN_TIMEOUT);
  }

  /** Pulls an image into this instance's storage, after {@link #login}. */
  public void pull(String imageReference) {
    podman.runOrFail(List.of("pull", "--cert-dir", caDir.toString(), imageReference), environment, null, PULL_TIMEOUT);
  }

  /**
   * Runs a pulled image without a network and removes the container afterwards.
   *
   * @param containerArguments the arguments after the image, passed to its entrypoint
   * @param timeout the maximum run time, after which the container is killed and removed
   * @return the exit code and the output of the container
   */
  public ExternalTool.Result run(String imageReference, List<String> containerArguments, Duration timeout) {
    return run(imageReference, List.of(), containerArguments, timeout);
  }

  /**
   * Runs a pulled image like {@link #run(String, List, Duration)} with extra {@code podman run}
   * options, such as {@code --network host} for a server that a test calls on 127.0.0.1, or
   * {@code --env NAME=VALUE}.
   */
  public ExternalTool.Result run(
      String imageReference, List<String> runOptions, List<String> containerArguments, Duration timeout) {
    String name = "test-" + UUID.randomUUID();
    List<String> arguments = new ArrayList<>(List.of("run", "--rm", "--name", name, "--pull", "never"));
    arguments.addAll(runOptions);
    arguments.add(imageReference);
    arguments.addAll(containerArguments);
    try {
      return podman.run(arguments, environment, null, timeout);
    } catch (ExternalTool.ExternalToolException e) {
      // The podman client was killed, but the container may still run under conmon.
      podman.run(List.of("rm", "--force", "--ignore", name), environment, null, REMOVE_TIMEOUT);
      throw e;
    }
  }

  /**
   * Starts a pulled image in the background, as {@code podman run -d}, for a server that a test then
   * calls. {@link #close} removes the container.
   *
   * @param runOptions extra {@code podman run} options, such as {@code --network host}
   * @return the container's name, for {@link #logs}
   */
  public String start(String imageReference, List<String> runOptions, List<String> containerArguments) {
    String name = "test-" + UUID.randomUUID();
    List<String> arguments = new ArrayList<>(List.of("run", "--detach", "--name", name, "--pull", "never"));
    arguments.addAll(runOptions);
    arguments.add(imageReference);
    arguments.addAll(containerArguments);
    podman.runOrFail(arguments, environment, null, REMOVE_TIMEOUT);
    return name;
  }

  /** Returns whether a container started with {@link #start} still runs. */
  public boolean isRunning(String containerName) {
    ExternalTool.Result result = podman.run(
        List.of("inspect", "--format", "{{.State.Running}}", containerName), environment, null, REMOVE_TIMEOUT);
    return result.exitCode() == 0 && result.stdout().trim().equals("true");
  }

  /** Returns the output of a container, as {@code podman logs}. */
  public String logs(String containerName) {
    return podman.run(List.of("logs", containerName), environment, null, REMOVE_TIMEOUT).output();
  }

  /** Loads an image from a Docker or OCI archive, as {@code podman load -i}. */
  public void load(Path archive) {
    podman.runOrFail(List.of("load", "-i", archive.toString()), environment, null, PULL_TIMEOUT);
  }

  /** Returns the names of the images in this instance's storage, such as {@code localhost/app:1.0}. */
  public List<String> imageNames() {
    String output = podman.run(List.of("images", "--format", "{{.Repository}}:{{.Tag}}"), environment, null,
        REMOVE_TIMEOUT).output();
    return output.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
  }

  /** Loads an archive and runs the image it names in a new instance, then deletes the instance's folder. */
  public static ExternalTool.Result runArchive(
      Path archive, String imageReference, Path caDir, List<String> arguments, Duration timeout) throws IOException {
    try (Podman podman = create(caDir)) {
      podman.load(archive);
      return podman.run(imageReference, arguments, timeout);
    }
  }

  /** Logs in, pulls and runs an image in a new instance, then deletes the instance's folder. */
  public static ExternalTool.Result runImage(
      String imageReference, String username, String password, Path caDir, List<String> arguments, Duration timeout)
      throws IOException {
    try (Podman podman = create(caDir)) {
      podman.login(registryOf(imageReference), username, password);
      podman.pull(imageReference);
      return podman.run(imageReference, arguments, timeout);
    }
  }

  /** Returns the registry part of an image reference, such as {@code localhost:5000}. */
  public static String registryOf(String imageReference) {
    int slash = imageReference.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("The image reference names no registry: " + imageReference);
    }
    return imageReference.substring(0, slash);
  }

  /** Returns the environment variables that select this instance's configuration. */
  public Map<String, String> environment() {
    return environment;
  }

  /** Removes every container and image of this instance and deletes its folder. */
  @Override
  public void close() {
    try {
      podman.run(List.of("rm", "--all", "--force"), environment, null, REMOVE_TIMEOUT);
    } finally {
      try {
        TestFiles.deleteRecursively(folder);
      } catch (IOException e) {
        throw new UncheckedIOException("Failed to delete the podman folder " + folder, e);
      }
    }
  }

  private static String containersConf(Path folder, ExternalTool runc, ExternalTool conmon) {
    return String.join(
        "\n",
        "[containers]",
        "netns = \"none\"",
        "default_ulimits = [" + defaultUlimits() + "]",
        "",
        "[engine]",
        "runtime = \"runc\"",
        "cgroup_manager = \"cgroupfs\"",
        "events_logger = \"file\"",
        "events_logfile_path = \"" + folder.resolve("events.log") + "\"",
        "tmp_dir = \"" + folder.resolve("libpod-tmp") + "\"",
        "static_dir = \"" + folder.resolve("storage/libpod") + "\"",
        "volume_path = \"" + folder.resolve("storage/volumes") + "\"",
        "conmon_path = [\"" + conmon.executable() + "\"]",
        "",
        "[engine.runtimes]",
        "runc = [\"" + runc.executable() + "\"]",
        "");
  }

  /**
   * Returns the {@code nofile} and {@code nproc} limits for containers. As root, podman 4.3 sets
   * both to 1048576 by default, and raising a limit fails without {@code CAP_SYS_RESOURCE} ("error
   * setting rlimit type 6: operation not permitted"). So {@code nofile} is this process's hard
   * limit, and {@code nproc} is that limit capped at {@code kernel.pid_max}: on a test machine with
   * a hard limit of 96368 and pid_max 32768, runc rejected any value above 32768.
   */
  private static String defaultUlimits() {
    List<String> limits = new ArrayList<>();
    hardLimit("Max open files").ifPresent(limit -> limits.add("\"nofile=" + limit + ":" + limit + "\""));
    long pidMax = readPidMax();
    long processes = hardLimit("Max processes").map(Long::parseLong).map(limit -> Math.min(limit, pidMax)).orElse(pidMax);
    limits.add("\"nproc=" + processes + ":" + processes + "\"");
    return String.join(", ", limits);
  }

  private static long readPidMax() {
    try {
      // Not Files.readString: for a file of size 0 it reads one byte first, and the kernel's sysctl files
      // return end of file to a read at a non-zero offset, so it returned "3" for 32768 (Linux 6.18).
      return Long.parseLong(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read /proc/sys/kernel/pid_max", e);
    }
  }

  /** Reads a hard limit of this process from {@code /proc/self/limits}, or empty if unlimited. */
  private static Optional<String> hardLimit(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith(name + " ")) {
          String[] columns = line.substring(name.length()).trim().split("\\s+");
          return columns[1].equals("unlimited") ? Optional.empty() : Optional.of(columns[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read /proc/self/limits", e);
    }
    throw new IllegalStateException("/proc/self/limits has no line for " + name);
  }

  private static String storageConf(Path folder) {
    return String.join(
        "\n",
        "[storage]",
        "driver = \"vfs\"",
        "graphroot = \"" + folder.resolve("storage") + "\"",
        "runroot = \"" + folder.resolve("run") + "\"",
        "");
  }

}
