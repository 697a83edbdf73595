package io.github.ecrmaven.localecr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a local ECR as a program, for builds and demos that need it in another process.
 *
 * <pre>
 * start --dir DIR --cert-dir DIR [--api-port N] [--registry-port N] [--sts-port N]
 *       [--env-file FILE] [--parent-pid PID] [--base-image NAME:TAG]
 *       [--servlet-base-image NAME:TAG] [--faults FILE] [--roles FILE] [--credentials-file FILE]
 *       [--account-id ID] [--region REGION] [--partition PARTITION]
 * await --dir DIR [--timeout-seconds N]
 * </pre>
 *
 * <p>{@code start} runs until it receives SIGTERM or its parent process (or {@code --parent-pid})
 * exits. Once every part responds, it writes the environment file (default {@code
 * DIR/local-ecr.env}) and then the marker {@code DIR/ready}; if it fails to start, it writes the
 * error to {@code DIR/failed}. {@code await} waits for either marker and exits with 0 or 1.
 *
 * <p>{@code --base-image} creates the repository NAME and pushes a small Java 17 base image to it as
 * NAME:TAG before the local ECR reports ready; that JVM needs {@code -Djavax.net.ssl.trustStore} set to
 * the certificate directory's trust store. {@code --servlet-base-image} does the same with a servlet
 * container base image, that Java image plus Tomcat (see {@code ServletBaseImage}). Every API call's operation is appended to {@code
 * DIR/api-calls.log}, every signed call's operation, access key ID and principal ARN to {@code
 * DIR/api-callers.log}, every issued registry password to {@code DIR/issued-passwords.log}, and every
 * request the registry served, with its status and body bytes in and out, to {@code
 * DIR/registry-requests.log}.
 *
 * <p>{@code --faults} loads denied actions, unusable KMS keys and other accounts' registry IDs
 * from a JSON file before the local ECR reports ready; {@link LocalEcr#loadFaults} describes the
 * format. {@code --roles} registers the roles that the STS endpoint ({@code AWS_ENDPOINT_URL_STS}
 * in the environment file) lets {@code AssumeRole} assume; {@link LocalEcr#loadRoles} describes
 * the format.
 *
 * <p>{@code --account-id}, {@code --region} and {@code --partition} choose the account the local
 * ECR plays (defaults: {@value LocalEcr#ACCOUNT_ID}, {@value LocalEcr#REGION} and the region's
 * partition). The environment file then names them in {@code LOCAL_ECR_ACCOUNT_ID},
 * {@code AWS_REGION} and {@code LOCAL_ECR_PARTITION}, with the registry host ECR would give the
 * account in {@code LOCAL_ECR_CANONICAL_REGISTRY}.
 */
public final class LocalEcrMain {

  private static final String USAGE =
      String.join(
          "\n",
          "Usage:",
          "  LocalEcrMain start --dir DIR --cert-dir DIR [--api-port N] [--registry-port N]",
          "                     [--sts-port N] [--env-file FILE] [--parent-pid PID]",
          "                     [--base-image NAME:TAG] [--servlet-base-image NAME:TAG]",
          "                     [--faults FILE] [--roles FILE] [--credentials-file FILE]",
          "                     [--account-id ID] [--region REGION] [--partition PARTITION]",
          "  LocalEcrMain await --dir DIR [--timeout-seconds N]",
          "Ports default to 0 (any free port); --env-file defaults to DIR/local-ecr.env;",
          "--parent-pid defaults to the parent process; --timeout-seconds defaults to 60;",
          "--faults names a JSON file of test faults (see LocalEcr.loadFaults);",
          "--credentials-file writes the local ECR's keys there as the default profile;",
          "--roles names a JSON file of roles that AssumeRole may assume",
          "(see LocalEcr.loadRoles); --account-id defaults to " + LocalEcr.ACCOUNT_ID + ",",
          "--region to " + LocalEcr.REGION + ", --partition (aws, aws-cn or aws-us-gov) to the",
          "region's partition.");

  private LocalEcrMain() {}

  /** Runs {@code start} or {@code await}; exits with 2 on invalid arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !Set.of("start", "await").contains(args[0])) {
      fail("Missing or unknown command" + (args.length == 0 ? "" : " '" + args[0] + "'"));
    }
    Map<String, String> options = parseOptions(List.of(args).subList(1, args.length));
    if (args[0].equals("start")) {
      checkOptions(options, Set.of("--dir", "--cert-dir"),
          Set.of("--api-port", "--registry-port", "--sts-port", "--env-file", "--parent-pid",
              "--base-image", "--servlet-base-image", "--faults", "--roles", "--credentials-file",
              "--account-id", "--region", "--partition"));
      start(options);
    } else {
      checkOptions(options, Set.of("--dir"), Set.of("--timeout-seconds"));
      System.exit(await(options) ? 0 : 1);
    }
  }

  private static void start(Map<String, String> options) throws InterruptedException {
    Path directory = Path.of(options.get("--dir")).toAbsolutePath();
    Path envFile =
        Path.of(options.getOrDefault("--env-file", directory.resolve("local-ecr.env").toString()))
            .toAbsolutePath();
    LocalEcr.Options settings =
        new LocalEcr.Options(directory, Path.of(options.get("--cert-dir")))
            .apiPort(intOption(options, "--api-port", 0))
            .registryPort(intOption(options, "--registry-port", 0))
            .stsPort(intOption(options, "--sts-port", 0))
            .recordsDirectory(directory);
    applyAccountOptions(options, settings);
    long parentPid = intOption(options, "--parent-pid", -1);

    LocalEcr ecr;
    try {
      Files.createDirectories(directory);
      Files.deleteIfExists(directory.resolve("ready"));
      Files.deleteIfExists(directory.resolve("failed"));
      // An environment file of an earlier start would name ports that nothing listens on any more.
      Files.deleteIfExists(envFile);
      log(directory, "Local ECR starting in " + directory);
      Files.deleteIfExists(directory.resolve("api-calls.log"));
      Files.deleteIfExists(directory.resolve("api-callers.log"));
      Files.deleteIfExists(directory.resolve("issued-passwords.log"));
      Files.deleteIfExists(directory.resolve("registry-requests.log"));
      Files.deleteIfExists(directory.resolve("issued-secrets.log"));
      Path faults = options.containsKey("--faults")
          ? Path.of(options.get("--faults")).toAbsolutePath() : null;
      if (faults != null) {
        // Checks the file before start, so that a bad file leaves no registry process behind.
        new AccessFaults(settings.account()).load(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
            faults.toFile()));
      }
      Path roles = options.containsKey("--roles")
          ? Path.of(options.get("--roles")).toAbsolutePath() : null;
      if (roles != null) {
        new Principals(java.time.Clock.systemUTC(), settings.account()).load(
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(roles.toFile()));
      }
      ecr = LocalEcr.start(settings);
      if (faults != null) {
        ecr.loadFaults(faults);
        log(directory, "Loaded test faults from " + faults);
      }
      if (roles != null) {
        ecr.loadRoles(roles);
        log(directory, "Registered the roles of " + roles);
      }
      if (options.containsKey("--base-image")) {
        pushBaseImage(ecr, options.get("--base-image"), directory, false);
      }
      if (options.containsKey("--servlet-base-image")) {
        pushBaseImage(ecr, options.get("--servlet-base-image"), directory, true);
      }
      if (options.containsKey("--credentials-file")) {
        // A shared credentials file keeps the secret key out of the environment, which Maven plugins
        // print in debug output (maven-resources-plugin 3.3.1 lists every env.* property with -X).
        Path credentials = Path.of(options.get("--credentials-file")).toAbsolutePath();
        Files.createDirectories(credentials.getParent());
        writeAtomically(credentials, "[default]\naws_access_key_id = " + ecr.accessKeyId()
            + "\naws_secret_access_key = " + ecr.secretAccessKey() + "\n");
      }
      writeAtomically(envFile, environment(ecr));
      writeAtomically(directory.resolve("ready"), ProcessHandle.current().pid() + "\n");
    } catch (IOException | RuntimeException e) {
      log(directory, "Local ECR failed to start: " + e.getMessage());
      writeQuietly(directory.resolve("failed"), e.getMessage() + "\n");
      System.exit(1);
      return;
    }
    log(directory, "Local ECR started: API " + ecr.apiEndpoint() + ", STS " + ecr.stsEndpoint()
        + ", registry https://" + ecr.registryHost() + ", PID " + ProcessHandle.current().pid()
        + ", environment in " + envFile);

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ecr.close();
      writeQuietly(directory.resolve("ready"), null);
      log(directory, "Local ECR stopped");
    }, "local-ecr-main-shutdown"));

    var parent = parentPid > 0 ? ProcessHandle.of(parentPid) : ProcessHandle.current().parent();
    if (parentPid > 0 && parent.isEmpty()) {
      log(directory, "Process " + parentPid + " is not running; stopping");
      System.exit(0);
    }
    parent.ifPresent(process -> process.onExit().thenRun(() -> {
      log(directory, "Parent process " + process.pid() + " exited; stopping");
      System.exit(0);
    }));
    new CountDownLatch(1).await();
  }

  /** Sets the account, region and partition options, and exits with 2 when they do not fit together. */
  private static void applyAccountOptions(Map<String, String> options, LocalEcr.Options settings) {
    if (options.containsKey("--account-id")) {
      settings.accountId(options.get("--account-id"));
    }
    if (options.containsKey("--region")) {
      settings.region(options.get("--region"));
    }
    if (options.containsKey("--partition")) {
      settings.partition(options.get("--partition"));
    }
    try {
      settings.account();
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
    }
  }

  /** Creates the base image's repository and pushes the Java or the servlet container base image into it. */
  private static void pushBaseImage(LocalEcr ecr, String nameAndTag, Path directory, boolean servletContainer)
      throws IOException {
    int colon = nameAndTag.lastIndexOf(':');
    if (colon <= 0 || colon == nameAndTag.length() - 1) {
      throw new IllegalArgumentException("Invalid --base-image '" + nameAndTag + "': expected NAME:TAG");
    }
    ecr.createRepository(nameAndTag.substring(0, colon));
    String reference = ecr.registryHost() + "/" + nameAndTag;
    try {
      String digest = servletContainer
          ? io.github.ecrmaven.testing.ServletBaseImage.pushTo(
              reference, "AWS", ecr.issueRegistryPassword(), directory.resolve("base-image"))
          : io.github.ecrmaven.testing.BaseImageBuilder.pushTo(
              reference, "AWS", ecr.issueRegistryPassword(), directory.resolve("base-image"));
      log(directory, "Pushed the base image " + reference + "@" + digest);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while pushing the base image " + reference, e);
    }
  }

  private static boolean await(Map<String, String> options) throws InterruptedException {
    Path directory = Path.of(options.get("--dir")).toAbsolutePath();
    int timeoutSeconds = intOption(options, "--timeout-seconds", 60);
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(directory.resolve("ready"))) {
        return true;
      }
      if (Files.exists(directory.resolve("failed"))) {
        System.err.println("Local ECR in " + directory + " failed to start:\n"
            + DistributionProcess.tail(directory.resolve("failed"), 40));
        printLogTails(directory);
        return false;
      }
      Thread.sleep(100);
    }
    System.err.println("Local ECR in " + directory + " was not ready after " + timeoutSeconds
        + " s (no " + directory.resolve("ready") + ").");
    printLogTails(directory);
    return false;
  }

  private static void printLogTails(Path directory) {
    for (String name : List.of("local-ecr.log", "registry.log")) {
      System.err.println("--- " + directory.resolve(name) + " ---");
      System.err.println(DistributionProcess.tail(directory.resolve(name), 40));
    }
  }

  private static String environment(LocalEcr ecr) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("AWS_ENDPOINT_URL_ECR", ecr.apiEndpoint().toString());
    variables.put("AWS_ENDPOINT_URL_STS", ecr.stsEndpoint().toString());
    variables.put("AWS_REGION", ecr.region());
    variables.put("LOCAL_ECR_ACCOUNT_ID", ecr.accountId());
    variables.put("LOCAL_ECR_PARTITION", ecr.partition());
    variables.put("LOCAL_ECR_CANONICAL_REGISTRY", ecr.canonicalRegistryHost());
    variables.put("AWS_ACCESS_KEY_ID", ecr.accessKeyId());
    variables.put("AWS_SECRET_ACCESS_KEY", ecr.secretAccessKey());
    variables.put("AWS_EC2_METADATA_DISABLED", "true");
    variables.put("LOCAL_ECR_REGISTRY", ecr.registryHost());
    variables.put("LOCAL_ECR_TRUSTSTORE", ecr.trustStore().toString());
    variables.put("LOCAL_ECR_CA_DIR", ecr.caCertDirectory().toString());
    StringBuilder content = new StringBuilder();
    variables.forEach((name, value) -> content.append(name).append('=').append(value).append('\n'));
    return content.toString();
  }

  private static Map<String, String> parseOptions(List<String> args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String name = args.get(i);
      if (!name.startsWith("--")) {
        fail("Unexpected argument '" + name + "'");
      }
      if (i + 1 >= args.size()) {
        fail("Missing value for " + name);
      }
      if (options.put(name, args.get(i + 1)) != null) {
        fail("Option " + name + " given twice");
      }
    }
    return options;
  }

  private static void checkOptions(
      Map<String, String> options, Set<String> required, Set<String> optional) {
    for (String name : required) {
      if (!options.containsKey(name)) {
        fail("Missing required option " + name);
      }
    }
    for (String name : options.keySet()) {
      if (!required.contains(name) && !optional.contains(name)) {
        fail("Unknown option " + name);
      }
    }
  }

  private static int intOption(Map<String, String> options, String name, int defaultValue) {
    String value = options.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      fail("Invalid value for " + name + ": '" + value + "' is not an integer");
      return defaultValue;
    }
  }

  private static void fail(String message) {
    System.err.println(message);
    System.err.println(USAGE);
    System.exit(2);
  }

  /** Logs one line to stderr and to {@code DIR/local-ecr.log}. */
  private static void log(Path directory, String message) {
    String line = Instant.now() + " " + message;
    System.err.println(line);
    try {
      Files.writeString(directory.resolve("local-ecr.log"), line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("Failed to append to " + directory.resolve("local-ecr.log") + ": " + e);
    }
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Writes {@code content} to the file, or deletes it if {@code content} is null. */
  private static void writeQuietly(Path file, String content) {
    try {
      if (content == null) {
        Files.deleteIfExists(file);
      } else {
        Files.writeString(file, content, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      System.err.println("Failed to write " + file + ": " + e);
    }
  }
}
