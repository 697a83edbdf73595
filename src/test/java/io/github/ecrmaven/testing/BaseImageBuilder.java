package io.github.ecrmaven.testing;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Builds a small runnable Java 17 base image without internet access and pushes it with Jib Core.
 *
 * <p>The image contains a {@code jlink} runtime of the local JDK 17 at {@code /opt/java/openjdk} (the
 * eclipse-temurin layout), the shared libraries that {@code ldd} lists for {@code bin/java} and
 * {@code libjvm.so}, the dynamic loader, a minimal {@code /etc/passwd} and {@code /etc/group}, and
 * {@code /tmp}. It has one layer, {@code PATH} and {@code JAVA_HOME} set, and no entrypoint.
 * Files keep their permission bits and get a fixed modification time, so two builds from the same
 * runtime give the same layer digest.
 *
 * <p>The JVM that pushes must trust the registry's certificate, through
 * {@code -Djavax.net.ssl.trustStore} given at its start.
 *
 * <p>Command line, for build scripts (the password is read from the named environment variable):
 *
 * <pre>
 * BaseImageBuilder push --image REF --username USER --password-env VAR --work-dir DIR
 * BaseImageBuilder tar --image REF --output FILE [--format docker|oci] --work-dir DIR
 * </pre>
 *
 * Each prints the image digest on standard output.
 */
public final class BaseImageBuilder {

  /**
   * The modules of the runtime: those that typical applications and frameworks such as Spring Boot
   * need, plus {@code jdk.httpserver} for the example service's HTTP mode. Tomcat 11, embedded in Spring
   * Boot's web starter and in the servlet container base image, needs {@code java.security.jgss} too: it
   * creates its default realm with a GSS-API class.
   */
  public static final List<String> MODULES =
      List.of(
          "java.base",
          "java.logging",
          "java.sql",
          "java.naming",
          "java.management",
          "java.xml",
          "java.desktop",
          "jdk.unsupported",
          "java.instrument",
          "java.security.jgss",
          "jdk.httpserver");

  /** Where the runtime sits in the image, as in the eclipse-temurin images. */
  public static final String JAVA_HOME = "/opt/java/openjdk";

  /** The {@code PATH} of the image. */
  public static final String PATH =
      JAVA_HOME + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** Modification time of every file in the layer. Jib uses the same instant by default. */
  private static final Instant FILE_MODIFICATION_TIME = Instant.ofEpochSecond(1);

  private static final Duration JLINK_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration LDD_TIMEOUT = Duration.ofSeconds(30);
  private static final String JDK_INSTALL_HINT = "apt-get install -y --no-install-recommends openjdk-17-jdk-headless";

  private static final String PASSWD =
      "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
  private static final String GROUP = "root:x:0:\nnogroup:x:65534:\n";

  private BaseImageBuilder() {}

  /**
   * Builds the image and pushes it to a registry.
   *
   * @param imageReference the target, such as {@code localhost:5000/base/java17:1}
   * @param username the registry user name
   * @param password the registry password
   * @param workDir a folder for the cached runtime, the image files and Jib's layer caches
   * @return the digest of the pushed image manifest, such as {@code sha256:...}
   */
  public static String pushTo(String imageReference, String username, String password, Path workDir)
      throws IOException, InterruptedException {
    RegistryImage target = RegistryImage.named(parse(imageReference)).addCredential(username, password);
    return containerize(containerBuilder(workDir), Containerizer.to(target), workDir).getDigest().toString();
  }

  /**
   * Builds the image into a tarball that {@code podman load} or {@code skopeo copy} can read.
   *
   * @param tarFile the tarball to write
   * @param imageReference the name recorded in the tarball
   * @param format {@link ImageFormat#Docker} or {@link ImageFormat#OCI}
   * @param workDir a folder for the cached runtime, the image files and Jib's layer caches
   * @return the digest of the image manifest
   */
  public static String buildTarball(Path tarFile, String imageReference, ImageFormat format, Path workDir)
      throws IOException, InterruptedException {
    TarImage target = TarImage.at(tarFile.toAbsolutePath()).named(parse(imageReference));
    JibContainerBuilder builder = containerBuilder(workDir).setFormat(format);
    return containerize(builder, Containerizer.to(target), workDir).getDigest().toString();
  }

  /**
   * Returns a Jib container builder with the image's one layer and configuration, for callers that
   * containerize it some other way. The {@code jlink} runtime is made on the first call and then
   * reused from {@code workDir}.
   */
  public static JibContainerBuilder containerBuilder(Path workDir) throws IOException, InterruptedException {
    Path runtime = jlinkRuntime(workDir);
    Path rootFiles = writeRootFiles(workDir.resolve("root-files"));

    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("java-runtime");
    // Sorted by path in the image. Symbolic links, such as Debian's legal/ notices, are not kept:
    // each becomes a regular file with its target's content.
    Map<String, Path> entries = new TreeMap<>();
    try (Stream<Path> files = Files.walk(runtime)) {
      files
          .filter(file -> !file.equals(runtime))
          .forEach(file -> entries.put(JAVA_HOME + "/" + unixPath(runtime.relativize(file)), file));
    }
    for (Map.Entry<String, Path> library : sharedLibraries(runtime).entrySet()) {
      entries.put(library.getKey(), library.getValue());
    }
    entries.put("/etc/passwd", rootFiles.resolve("passwd"));
    entries.put("/etc/group", rootFiles.resolve("group"));
    entries.put("/tmp", rootFiles.resolve("tmp"));

    for (Map.Entry<String, Path> entry : entries.entrySet()) {
      Path source = entry.getValue();
      layer.addEntry(source, AbsoluteUnixPath.get(entry.getKey()), permissionsOf(source), FILE_MODIFICATION_TIME);
    }

    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", PATH);
    environment.put("JAVA_HOME", JAVA_HOME);
    return Jib.fromScratch()
        .addFileEntriesLayer(layer.build())
        .setEnvironment(environment)
        .setPlatforms(Set.of(new Platform(imageArchitecture(), "linux")));
  }

  /**
   * Locates a JDK 17 with {@code jmods}: first {@code /usr/lib/jvm/java-17-openjdk-ARCH}, then the
   * running JVM, then {@code JAVA_HOME}.
   *
   * @throws IllegalStateException with an install hint if none has {@code jmods/java.base.jmod}
   */
  public static Path locateJdk17() {
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of("/usr/lib/jvm/java-17-openjdk-" + imageArchitecture()));
    candidates.add(Path.of(System.getProperty("java.home")));
    String javaHomeVariable = System.getenv("JAVA_HOME");
    if (javaHomeVariable != null && !javaHomeVariable.isBlank()) {
      candidates.add(Path.of(javaHomeVariable));
    }
    for (Path candidate : candidates) {
      if (isJdk17WithJmods(candidate)) {
        try {
          return candidate.toRealPath();
        } catch (IOException e) {
          throw new UncheckedIOException("Failed to resolve " + candidate, e);
        }
      }
    }
    throw new IllegalStateException(
        "No JDK 17 with jmods found in " + candidates + ": install it with `" + JDK_INSTALL_HINT + "`");
  }

  /**
   * Runs the command line described in the class documentation.
   *
   * @param args {@code push} or {@code tar} followed by options
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("push") || args[0].equals("tar"))) {
      exitWithUsage("Expected the command push or tar.");
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        exitWithUsage("Invalid option or missing value: " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    String image = requiredOption(options, "image");
    Path workDir = Path.of(requiredOption(options, "work-dir"));

    String digest;
    if (args[0].equals("push")) {
      String username = requiredOption(options, "username");
      String passwordVariable = requiredOption(options, "password-env");
      String password = System.getenv(passwordVariable);
      if (password == null || password.isEmpty()) {
        exitWithUsage("The environment variable " + passwordVariable + " is not set or empty.");
      }
      digest = pushTo(image, username, password, workDir);
    } else {
      Path output = Path.of(requiredOption(options, "output"));
      String formatName = options.getOrDefault("format", "docker");
      ImageFormat format = formatName.equalsIgnoreCase("oci") ? ImageFormat.OCI : ImageFormat.Docker;
      if (!formatName.equalsIgnoreCase("oci") && !formatName.equalsIgnoreCase("docker")) {
        exitWithUsage("Invalid --format " + formatName + ": expected docker or oci.");
      }
      digest = buildTarball(output, image, format, workDir);
    }
    System.out.println(digest);
  }

  private static String requiredOption(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isEmpty()) {
      exitWithUsage("Missing option --" + name + ".");
    }
    return value;
  }

  private static void exitWithUsage(String problem) {
    System.err.println(problem);
    System.err.println(
        "Usage: BaseImageBuilder push --image REF --username USER --password-env VAR --work-dir DIR\n"
            + "       BaseImageBuilder tar --image REF --output FILE [--format docker|oci] --work-dir DIR");
    System.exit(2);
  }

  static JibContainer containerize(JibContainerBuilder builder, Containerizer containerizer, Path workDir)
      throws IOException, InterruptedException {
    containerizer
        .setBaseImageLayersCache(workDir.resolve("jib-cache/base"))
        .setApplicationLayersCache(workDir.resolve("jib-cache/application"))
        .setToolName("ecr-maven-plugin-tests");
    try {
      return builder.containerize(containerizer);
    } catch (RegistryException | ExecutionException | CacheDirectoryCreationException e) {
      throw new IOException("Failed to build the base image: " + e.getMessage(), e);
    }
  }

  private static ImageReference parse(String imageReference) {
    try {
      return ImageReference.parse(imageReference);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException("Invalid image reference: " + imageReference, e);
    }
  }

  /**
   * Returns the {@code jlink} output in {@code workDir}, making it first if it is missing. The
   * folder name contains a hash of the JDK and the module list, so a change of either makes a new
   * runtime. Synchronized so that parallel callers in one JVM run {@code jlink} once.
   */
  private static synchronized Path jlinkRuntime(Path workDir) throws IOException, InterruptedException {
    Path jdk = locateJdk17();
    String key = sha256Hex(jdk + "\n" + Files.readString(jdk.resolve("release")) + "\n" + MODULES).substring(0, 16);
    Path runtime = workDir.resolve("jlink-" + key);
    if (Files.isExecutable(runtime.resolve("bin/java"))) {
      return runtime;
    }

    Files.createDirectories(workDir);
    Path partial = workDir.resolve("jlink-" + key + ".partial");
    TestFiles.deleteRecursively(partial);
    ExternalTool jlink = ExternalTool.at(jdk.resolve("bin/jlink"), JDK_INSTALL_HINT);
    jlink.runOrFail(
        List.of(
            "--module-path", jdk.resolve("jmods").toString(),
            "--add-modules", String.join(",", MODULES),
            "--strip-debug",
            "--no-header-files",
            "--no-man-pages",
            "--compress=2",
            "--output", partial.toString()),
        Map.of(),
        null,
        JLINK_TIMEOUT);
    TestFiles.deleteRecursively(runtime);
    Files.move(partial, runtime, StandardCopyOption.ATOMIC_MOVE);
    return runtime;
  }

  /**
   * Maps each shared library outside the runtime that {@code bin/java} or {@code libjvm.so} loads,
   * and the dynamic loader, from its path in the image to the file that contains its bytes. A library
   * found through a symbolic link is stored as a regular file under the name {@code ldd} printed.
   */
  private static Map<String, Path> sharedLibraries(Path runtime) throws IOException {
    ExternalTool ldd = ExternalTool.locate("ldd", "apt-get install -y --no-install-recommends libc-bin");
    Map<String, Path> libraries = new TreeMap<>();
    for (Path binary : List.of(runtime.resolve("bin/java"), runtime.resolve("lib/server/libjvm.so"))) {
      String output = ldd.runOrFail(List.of(binary.toString()), Map.of(), null, LDD_TIMEOUT).output();
      for (String line : output.split("\n")) {
        String path = libraryPath(line.trim(), binary);
        if (path != null && !Path.of(path).normalize().startsWith(runtime)) {
          libraries.put(path, Path.of(path).toRealPath());
        }
      }
    }
    if (libraries.keySet().stream().noneMatch(path -> path.contains("/ld-linux"))) {
      throw new IllegalStateException("ldd listed no dynamic loader for " + runtime.resolve("bin/java"));
    }
    return libraries;
  }

  /** Returns the absolute library path in one line of {@code ldd} output, or null for the vDSO. */
  private static String libraryPath(String line, Path binary) {
    if (line.isEmpty() || line.startsWith("linux-vdso") || line.startsWith("statically linked")) {
      return null;
    }
    if (line.contains("=> not found")) {
      throw new IllegalStateException("ldd cannot find a library of " + binary + ": " + line);
    }
    int arrow = line.indexOf("=> ");
    String rest = arrow >= 0 ? line.substring(arrow + 3) : line;
    int space = rest.indexOf(' ');
    String path = space >= 0 ? rest.substring(0, space) : rest;
    return path.startsWith("/") ? path : null;
  }

  private static Path writeRootFiles(Path folder) throws IOException {
    Files.createDirectories(folder.resolve("tmp"));
    writeIfChanged(folder.resolve("passwd"), PASSWD);
    writeIfChanged(folder.resolve("group"), GROUP);
    return folder;
  }

  private static void writeIfChanged(Path file, String content) throws IOException {
    if (!Files.exists(file) || !Files.readString(file).equals(content)) {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    }
  }

  /**
   * Returns the permission bits of the file, following symbolic links. {@code /tmp} gets 777
   * because Jib's permission type has no sticky bit.
   */
  private static FilePermissions permissionsOf(Path file) {
    if (file.getFileName().toString().equals("tmp") && Files.isDirectory(file)) {
      return FilePermissions.fromOctalString("777");
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return FilePermissions.fromPosixFilePermissions(permissions);
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read the permissions of " + file, e);
    }
  }

  private static boolean isJdk17WithJmods(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(home.resolve("jmods/java.base.jmod")) || !Files.isRegularFile(release)) {
      return false;
    }
    try {
      return Files.readAllLines(release).stream().anyMatch(line -> line.startsWith("JAVA_VERSION=\"17"));
    } catch (IOException e) {
      return false;
    }
  }

  /** Returns this machine's architecture as OCI and Debian name it ({@code amd64}, {@code arm64}). */
  private static String imageArchitecture() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return arch.equals("aarch64") ? "arm64" : "amd64";
  }

  private static String unixPath(Path relative) {
    return relative.toString().replace('\\', '/');
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK lacks SHA-256", e);
    }
  }

}
