import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Publishes the generated services with ecr-maven-plugin and jib-maven-plugin 3.5.2 to a running
 * local ECR, measures each run and writes bench/RESULTS.md through {@link ResultsWriter}.
 * {@code bench/run} prepares everything, compiles this folder's classes and starts this program
 * with the test class path and the local ECR's trust store.
 *
 * <p>Arguments: {@code ROOT WORK LOCAL_ECR_DIR RUNS REACTOR_RUNS}. ROOT is the repository,
 * WORK the folder for generated projects, caches and logs, LOCAL_ECR_DIR the local ECR's records
 * folder with {@code local-ecr.env}, {@code api-calls.log} and {@code registry-requests.log}.
 */
public final class Benchmark {

  private static final Pattern MOJO_HEADER =
      Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d) \\[INFO\\] --- (\\S+) .*---$");
  private static final Pattern BUILD_LINE =
      Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d) \\[INFO\\] BUILD (SUCCESS|FAILURE)");
  private static final String MANIFEST_TYPES = "application/vnd.docker.distribution.manifest.v2+json,"
      + "application/vnd.oci.image.manifest.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final Path work;
  private final Path ecrDirectory;
  private final Map<String, String> ecrEnvironment;
  private final String registry;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final EcrClient ecr;
  private final String registryPassword;
  private final Set<String> baseLayers = new HashSet<>();
  private final List<MeasuredRun> runs = new ArrayList<>();

  private Benchmark(Path root, Path work, Path ecrDirectory) throws IOException {
    this.root = root;
    this.work = work;
    this.ecrDirectory = ecrDirectory;
    this.ecrEnvironment = readEnvironment(ecrDirectory.resolve("local-ecr.env"));
    this.registry = ecrEnvironment.get("LOCAL_ECR_REGISTRY");
    this.ecr = EcrClient.builder()
        .endpointOverride(URI.create(ecrEnvironment.get("AWS_ENDPOINT_URL_ECR")))
        .region(Region.of(ecrEnvironment.get("AWS_REGION")))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            ecrEnvironment.get("AWS_ACCESS_KEY_ID"), ecrEnvironment.get("AWS_SECRET_ACCESS_KEY"))))
        .build();
    // Jib gets the token as user name and password, as a credential helper would hand it over.
    String token = ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken();
    this.registryPassword = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8)
        .substring("AWS:".length());
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("Usage: Benchmark ROOT WORK LOCAL_ECR_DIR RUNS REACTOR_RUNS");
      System.exit(2);
    }
    Benchmark benchmark = new Benchmark(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    benchmark.run(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
  }

  private void run(int iterations, int reactorIterations) throws Exception {
    String loadAtStart = Files.readString(Path.of("/proc/loadavg")).strip();
    Instant start = Instant.now();
    JsonNode baseManifest = manifest("base/java17", "17");
    baseManifest.path("layers").forEach(layer -> baseLayers.add(layer.path("digest").asText()));

    Path oursApp = work.resolve("app-ours");
    Path jibApp = work.resolve("app-jib");
    Path reactor = work.resolve("reactor");
    generate("service", oursApp, "app", "38");
    generate("service", jibApp, "app", "38");
    generate("reactor", reactor, "8", "38");

    // Unmeasured publishes first, so that both plugins and every dependency are in the local Maven
    // repository and the operating system's file cache contains the same files for both tools.
    prepare("ours", oursApp);
    prepare("jib", jibApp);

    for (int i = 1; i <= iterations; i++) {
      publish("ours", "cold", i, oursApp);
      publish("jib", "cold", i, jibApp);
      publish("ours", "warm", i, oursApp);
      publish("jib", "warm", i, jibApp);
    }
    for (int i = 1; i <= reactorIterations; i++) {
      publishReactor("ours", "1", i, reactor);
      publishReactor("ours", "4", i, reactor);
    }
    if (reactorIterations > 0) {
      publishReactor("jib", "1", 1, reactor);
      publishReactor("jib", "4", 1, reactor);
    }

    String loadAtEnd = Files.readString(Path.of("/proc/loadavg")).strip();
    new ResultsWriter(root, runs, baseManifest, loadAtStart, loadAtEnd,
        Duration.between(start, Instant.now())).write(root.resolve("bench/RESULTS.md"));
  }

  private void generate(String kind, Path directory, String name, String domains) throws Exception {
    deleteRecursively(directory);
    exec(List.of(javaCommand(), root.resolve("bench/GenerateServices.java").toString(), kind,
        directory.toString(), name, domains), root, Map.of(), work.resolve("logs/generate.log"));
  }

  private void prepare(String tool, Path app) throws Exception {
    String prefix = "prepare-" + tool;
    if (tool.equals("jib")) {
      ecr.createRepository(request -> request.repositoryName(prefix + "/app"));
    }
    List<String> command = maven(app, "1", prefix);
    command.addAll(List.of("package", tool.equals("ours") ? "ecr:push" : "jib:build"));
    Path log = work.resolve("logs/" + prefix + ".log");
    if (exec(command, app, toolEnvironment(tool), log) != 0) {
      throw new IllegalStateException("The unmeasured " + tool + " publish failed: see " + log);
    }
  }

  /** Runs one publish of the single service: cold (no target, no cache, new repository) or warm. */
  private void publish(String tool, String kind, int iteration, Path app) throws Exception {
    String prefix = tool + "-" + iteration;
    if (kind.equals("cold")) {
      deleteRecursively(app.resolve("target"));
      deleteRecursively(cacheDirectory(tool));
      if (tool.equals("jib")) {
        ecr.createRepository(request -> request.repositoryName(prefix + "/app"));
      }
    } else {
      exec(List.of(javaCommand(), root.resolve("bench/GenerateServices.java").toString(), "touch",
          app.toString(), tool + "-warm-" + iteration), root, Map.of(), work.resolve("logs/generate.log"));
    }
    JsonNode before = kind.equals("warm") ? manifest(prefix + "/app", "1.0.0") : null;
    List<String> command = maven(app, "1", prefix);
    command.addAll(List.of("package", tool.equals("ours") ? "ecr:push" : "jib:build"));
    MeasuredRun run = measure(tool, kind, iteration, "1", prefix, command, app, List.of(prefix + "/app"),
        before == null ? List.of() : List.of(before));
    runs.add(run);
    System.err.printf(Locale.ROOT, "%s %s %d: %d ms, mojo %d ms, exit %d%n", tool, kind, iteration,
        run.wallMillis(), run.mojoMillis(), run.exitCode());
  }

  /** Runs one cold publish of the 8-module reactor with {@code -T threads}. */
  private void publishReactor(String tool, String threads, int iteration, Path reactor) throws Exception {
    String prefix = "reactor-" + tool + "-t" + threads + "-" + iteration;
    List<String> repositories = new ArrayList<>();
    try (Stream<Path> modules = Files.list(reactor)) {
      for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
        deleteRecursively(module.resolve("target"));
        repositories.add(prefix + "/" + module.getFileName());
      }
    }
    deleteRecursively(cacheDirectory(tool));
    if (tool.equals("jib")) {
      repositories.forEach(name -> ecr.createRepository(request -> request.repositoryName(name)));
    }
    List<String> command = maven(reactor, threads, prefix);
    command.addAll(List.of("package", tool.equals("ours") ? "ecr:push" : "jib:build"));
    MeasuredRun run = measure(tool, "reactor", iteration, threads, prefix, command, reactor, repositories, List.of());
    runs.add(run);
    System.err.printf(Locale.ROOT, "%s reactor -T %s %d: %d ms, exit %d%n", tool, threads, iteration,
        run.wallMillis(), run.exitCode());
  }

  private MeasuredRun measure(String tool, String kind, int iteration, String threads, String prefix,
      List<String> command, Path directory, List<String> repositories, List<JsonNode> previous)
      throws Exception {
    Path log = work.resolve("logs/" + prefix + "-" + kind + ".log");
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    int apiOffset = lineCount(ecrDirectory.resolve("api-calls.log"));
    int requestOffset = lineCount(ecrDirectory.resolve("registry-requests.log"));
    long[] cpuBefore = cpuTicks();
    long start = System.nanoTime();
    int exit = exec(command, directory, toolEnvironment(tool), log);
    long wallMillis = (System.nanoTime() - start) / 1_000_000;
    long[] cpuAfter = cpuTicks();
    long allTicks = cpuAfter[0] - cpuBefore[0];
    double cpuBusy = allTicks == 0 ? 0 : 1.0 - (double) (cpuAfter[1] - cpuBefore[1]) / allTicks;
    List<String> apiCalls = linesFrom(ecrDirectory.resolve("api-calls.log"), apiOffset);
    List<String> requests = linesFrom(ecrDirectory.resolve("registry-requests.log"), requestOffset);

    Map<String, Integer> calls = new TreeMap<>();
    apiCalls.forEach(operation -> calls.merge(operation, 1, Integer::sum));
    long received = 0;
    long sent = 0;
    int baseLayerGets = 0;
    long baseLayerBytes = 0;
    int mounts = 0;
    for (String request : requests) {
      String[] fields = request.split("\t");
      received += Long.parseLong(fields[3]);
      sent += Long.parseLong(fields[4]);
      String digest = fields[1].replaceAll("^.*/blobs/", "");
      if (fields[0].equals("GET") && fields[1].contains("/blobs/sha256:") && baseLayers.contains(digest)) {
        baseLayerGets++;
        baseLayerBytes += Long.parseLong(fields[4]);
      }
      if (fields[0].equals("POST") && fields[1].contains("mount=") && fields[2].equals("201")) {
        mounts++;
      }
    }

    long changed = 0;
    long configAndManifest = 0;
    if (exit == 0) {
      Set<String> known = new HashSet<>(baseLayers);
      previous.forEach(manifest -> manifest.path("layers")
          .forEach(layer -> known.add(layer.path("digest").asText())));
      for (String repository : repositories) {
        String tag = "1.0.0";
        JsonNode manifest = manifest(repository, tag);
        for (JsonNode layer : manifest.path("layers")) {
          if (!known.contains(layer.path("digest").asText())) {
            changed += layer.path("size").asLong();
          }
        }
        configAndManifest += manifest.path("config").path("size").asLong()
            + JSON.writeValueAsBytes(manifest).length;
      }
    }
    return new MeasuredRun(tool, kind, iteration, threads, prefix, wallMillis, mojoMillis(log, tool), exit, calls,
        received, sent, baseLayerGets, baseLayerBytes, mounts, changed, configAndManifest, loadBefore, cpuBusy, log);
  }

  /**
   * Returns the machine's CPU time in clock ticks since boot, all of it and the idle part (idle and
   * I/O wait), from the first line of /proc/stat.
   */
  private static long[] cpuTicks() throws IOException {
    String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long all = 0;
    for (int i = 1; i < fields.length && i <= 8; i++) {
      all += Long.parseLong(fields[i]);
    }
    return new long[] {all, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
  }

  /** Returns the time from the push mojo's header line to the next header or BUILD line. */
  static long mojoMillis(Path log, String tool) throws IOException {
    String goal = tool.equals("ours") ? "ecr:" : "jib:";
    LocalTime start = null;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher header = MOJO_HEADER.matcher(line);
      Matcher build = BUILD_LINE.matcher(line);
      LocalTime time = header.find() ? LocalTime.parse(header.group(1))
          : build.find() ? LocalTime.parse(build.group(1)) : null;
      if (time == null) {
        continue;
      }
      if (start != null) {
        long millis = Duration.between(start, time).toMillis();
        return millis < 0 ? millis + Duration.ofDays(1).toMillis() : millis;
      }
      if (header.matches() && header.group(2).startsWith(goal)) {
        start = time;
      }
    }
    return -1;
  }

  private List<String> maven(Path directory, String threads, String prefix) {
    List<String> command = new ArrayList<>(List.of(
        root.resolve("mvnw").toString(), "-B", "-T", threads,
        "-Dmaven.repo.local=" + work.resolve("m2"),
        "-Dmaven.repo.local.tail=" + System.getProperty("user.home") + "/.m2/repository",
        "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
        "-Dbench.registry=" + registry,
        "-Dbench.repositoryPrefix=" + prefix,
        "-Djib.to.auth.username=AWS", "-Djib.to.auth.password=" + registryPassword,
        "-Djib.from.auth.username=AWS", "-Djib.from.auth.password=" + registryPassword));
    command.add("-f");
    command.add(directory.resolve("pom.xml").toString());
    return command;
  }

  /**
   * Returns the environment of a Maven run: the local ECR's settings, AWS files of the benchmark's
   * own, a cache folder per tool (Jib Core keeps base image layers under XDG_CACHE_HOME), and the
   * trust store. Jib's update check, which would call a host other than 127.0.0.1, is off.
   */
  private Map<String, String> toolEnvironment(String tool) throws IOException {
    Map<String, String> environment = new LinkedHashMap<>(ecrEnvironment);
    Path aws = Files.createDirectories(work.resolve("aws"));
    Files.writeString(aws.resolve("config"), "");
    Files.writeString(aws.resolve("credentials"), "");
    environment.put("AWS_CONFIG_FILE", aws.resolve("config").toString());
    environment.put("AWS_SHARED_CREDENTIALS_FILE", aws.resolve("credentials").toString());
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    environment.put("XDG_CACHE_HOME", cacheDirectory(tool).toString());
    Path config = Files.createDirectories(work.resolve("xdg-config/google-cloud-tools-java/jib"));
    Files.writeString(config.resolve("config.json"), "{\"disableUpdateCheck\": true}\n");
    environment.put("XDG_CONFIG_HOME", work.resolve("xdg-config").toString());
    environment.put("MAVEN_OPTS", "-Djavax.net.ssl.trustStore=" + ecrEnvironment.get("LOCAL_ECR_TRUSTSTORE")
        + " -Djavax.net.ssl.trustStorePassword=changeit -Djib.disableUpdateChecks=true");
    return environment;
  }

  private Path cacheDirectory(String tool) {
    return work.resolve("cache/" + tool);
  }

  private JsonNode manifest(String repository, String reference) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("https://" + registry + "/v2/" + repository + "/manifests/" + reference))
        .header("Accept", MANIFEST_TYPES)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            ("AWS:" + registryPassword).getBytes(StandardCharsets.UTF_8)))
        .GET().build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("GET manifest " + repository + ":" + reference + " returned "
          + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  private static int exec(List<String> command, Path directory, Map<String, String> environment, Path log)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start().waitFor();
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Map<String, String> readEnvironment(Path file) throws IOException {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        environment.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return environment;
  }

  private static int lineCount(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
  }

  private static List<String> linesFrom(Path file, int offset) throws IOException {
    List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    return lines.subList(Math.min(offset, lines.size()), lines.size());
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
