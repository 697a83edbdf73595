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
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Publishes the generated services with ecr-maven-plugin and jib-maven-plugin 3.5.2 to a running
 * local ECR, measures each run and writes bench/RESULTS.md. {@code bench/run} prepares everything
 * and starts this program with the test class path and the local ECR's trust store.
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

  /** One measured {@code mvn} run. */
  record Run(String tool, String kind, int iteration, String threads, String repositoryPrefix,
      long wallMillis, long mojoMillis, int exitCode, Map<String, Integer> apiCalls,
      long bytesReceived, long bytesSent, int baseLayerGets, long baseLayerBytesSent,
      int mounts, long changedLayerBytes, long configAndManifestBytes, String loadBefore, Path log) {

    int apiCallCount() {
      return apiCalls.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private final Path root;
  private final Path work;
  private final Path ecrDirectory;
  private final Map<String, String> ecrEnvironment;
  private final String registry;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final EcrClient ecr;
  private final String registryPassword;
  private final Set<String> baseLayers = new HashSet<>();
  private final List<Run> runs = new ArrayList<>();

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
        .httpClientBuilder(ApacheHttpClient.builder())
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
    // repository and the operating system's file cache holds the same files for both tools.
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
    Run run = measure(tool, kind, iteration, "1", prefix, command, app, List.of(prefix + "/app"),
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
    Run run = measure(tool, "reactor", iteration, threads, prefix, command, reactor, repositories, List.of());
    runs.add(run);
    System.err.printf(Locale.ROOT, "%s reactor -T %s %d: %d ms, exit %d%n", tool, threads, iteration,
        run.wallMillis(), run.exitCode());
  }

  private Run measure(String tool, String kind, int iteration, String threads, String prefix,
      List<String> command, Path directory, List<String> repositories, List<JsonNode> previous)
      throws Exception {
    Path log = work.resolve("logs/" + prefix + "-" + kind + ".log");
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    int apiOffset = lineCount(ecrDirectory.resolve("api-calls.log"));
    int requestOffset = lineCount(ecrDirectory.resolve("registry-requests.log"));
    long start = System.nanoTime();
    int exit = exec(command, directory, toolEnvironment(tool), log);
    long wallMillis = (System.nanoTime() - start) / 1_000_000;
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
    return new Run(tool, kind, iteration, threads, prefix, wallMillis, mojoMillis(log, tool), exit, calls,
        received, sent, baseLayerGets, baseLayerBytes, mounts, changed, configAndManifest, loadBefore, log);
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
   * trust store. Jib's update check, the one request that would leave 127.0.0.1, is off.
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

  /** Writes RESULTS.md from the measured runs. */
  static final class ResultsWriter {
    private final Path root;
    private final List<Run> runs;
    private final JsonNode baseManifest;
    private final String loadAtStart;
    private final String loadAtEnd;
    private final Duration duration;
    private final StringBuilder out = new StringBuilder();

    ResultsWriter(Path root, List<Run> runs, JsonNode baseManifest, String loadAtStart,
        String loadAtEnd, Duration duration) {
      this.root = root;
      this.runs = runs;
      this.baseManifest = baseManifest;
      this.loadAtStart = loadAtStart;
      this.loadAtEnd = loadAtEnd;
      this.duration = duration;
    }

    void write(Path file) throws IOException {
      line("# Benchmark results");
      line("");
      line("Written by `bench/run` on " + Instant.now().toString().substring(0, 16).replace('T', ' ')
          + " UTC. Every figure below was measured in that run; nothing is estimated unless it says so.");
      line("");
      machine();
      singleService();
      reactor();
      classPath();
      targets();
      Path findings = root.resolve("bench/findings.md");
      if (Files.exists(findings)) {
        line(Files.readString(findings, StandardCharsets.UTF_8).strip());
        line("");
      }
      Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private void machine() throws IOException {
      line("## Machine and command");
      line("");
      String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceAll("^[^:]*:\\s*", ""))
          .orElse("unknown");
      long memoryKilobytes = Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal")).findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
      String memory = String.format(Locale.ROOT, "%.1f GiB (MemTotal)", memoryKilobytes / 1024.0 / 1024.0);
      line("- CPU: " + Runtime.getRuntime().availableProcessors() + " cores (`nproc`), " + cpu);
      line("- Memory: " + memory);
      line("- `uptime` before the plugin build: `" + System.getenv().getOrDefault("BENCH_UPTIME_AT_START", "n/a")
          + "`");
      line("- Load average (1, 5, 15 min, from /proc/loadavg) when the measured part started: `" + loadAtStart
          + "`, when it ended: `" + loadAtEnd + "`. The tables give the 1-minute load before each run."
          + " Other builds may run on this machine at the same time, and a load above about 2 on 2 cores"
          + " means that they competed with the benchmark for the CPU.");
      line("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
          + "; Maven: the project's wrapper (`" + wrapperMaven() + "`)");
      line("- Duration of the measured part: " + duration.toMinutes() + " min " + duration.toSecondsPart() + " s");
      line("- Command: `bench/run` (" + System.getenv().getOrDefault("BENCH_RUNS", "3") + " runs of each"
          + " single-service case, " + System.getenv().getOrDefault("BENCH_REACTOR_RUNS", "2")
          + " reactor runs of each thread count for ecr-maven-plugin, one for Jib).");
      line("- Each measured build: `mvnw -B -T N -Dmaven.repo.local=bench/target/run/m2"
          + " -Dmaven.repo.local.tail=~/.m2/repository -Dbench.registry=localhost:PORT"
          + " -Dbench.repositoryPrefix=PREFIX -Djib.to.auth.username=AWS -Djib.to.auth.password=TOKEN"
          + " -Djib.from.auth.username=AWS -Djib.from.auth.password=TOKEN -f PROJECT/pom.xml package"
          + " ecr:push` (or `jib:build`), with the trust store in `MAVEN_OPTS` and the local ECR's"
          + " settings in the environment.");
      long baseBytes = 0;
      for (JsonNode layer : baseManifest.path("layers")) {
        baseBytes += layer.path("size").asLong();
      }
      line("- Base image: `base/java17:17` in the local ECR, " + baseManifest.path("layers").size()
          + " layer of " + megabytes(baseBytes) + " (compressed), a jlink runtime of JDK 17.");
      line("");
    }

    private void singleService() {
      line("## One service, cold and warm");
      line("");
      line("The service: Spring Boot 3.5.7, 99 runtime dependency jars (65.9 MB), 306 classes, about 0.9 MB"
          + " of resources, generated by `bench/GenerateServices.java`. Cold: no `target/`, no Jib cache,"
          + " a new repository. Warm: the same project again with one class changed. The two tools alternate"
          + " (ours cold, Jib cold, ours warm, Jib warm). Mojo time runs from the goal's `---` header line to"
          + " the next header or BUILD line.");
      line("");
      line("| Tool | Run | # | mvn wall (s) | push mojo (s) | ECR API calls | Registry received | Changed layers"
          + " | Received / changed | Registry sent | Base layer GETs (bytes) | Mounts | Load before | Exit |");
      line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
      for (Run run : runs) {
        if (run.kind().equals("reactor")) {
          continue;
        }
        line("| " + toolName(run) + " | " + run.kind() + " | " + run.iteration() + " | " + seconds(run.wallMillis())
            + " | " + seconds(run.mojoMillis()) + " | " + calls(run) + " | " + megabytes(run.bytesReceived())
            + " | " + megabytes(run.changedLayerBytes()) + " | "
            + ratio(run.bytesReceived(), run.changedLayerBytes()) + " | " + megabytes(run.bytesSent()) + " | "
            + run.baseLayerGets() + " (" + megabytes(run.baseLayerBytesSent()) + ") | " + run.mounts() + " | "
            + run.loadBefore() + " | " + run.exitCode() + " |");
      }
      line("");
      line("Medians and ratios (ours / Jib; below 1.0 means ecr-maven-plugin is faster):");
      line("");
      line("| Run | mvn wall ours | mvn wall Jib | ratio of medians | mojo ours | mojo Jib | ratio of medians"
          + " | per-pair wall ratios | per-pair mojo ratios |");
      line("|---|---|---|---|---|---|---|---|---|");
      for (String kind : List.of("cold", "warm")) {
        List<Run> ours = select("ours", kind, "1");
        List<Run> jib = select("jib", kind, "1");
        double oursWall = median(ours, Run::wallMillis);
        double jibWall = median(jib, Run::wallMillis);
        double oursMojo = median(ours, Run::mojoMillis);
        double jibMojo = median(jib, Run::mojoMillis);
        StringBuilder wallPairs = new StringBuilder();
        StringBuilder mojoPairs = new StringBuilder();
        for (int i = 0; i < Math.min(ours.size(), jib.size()); i++) {
          wallPairs.append(i == 0 ? "" : ", ").append(ratio(ours.get(i).wallMillis(), jib.get(i).wallMillis()));
          mojoPairs.append(i == 0 ? "" : ", ").append(ratio(ours.get(i).mojoMillis(), jib.get(i).mojoMillis()));
        }
        line("| " + kind + " | " + seconds(oursWall) + " | " + seconds(jibWall) + " | " + ratio(oursWall, jibWall)
            + " | " + seconds(oursMojo) + " | " + seconds(jibMojo) + " | " + ratio(oursMojo, jibMojo) + " | "
            + wallPairs + " | " + mojoPairs + " |");
      }
      line("");
    }

    private void reactor() {
      line("## Eight services in one reactor");
      line("");
      line("Eight copies of the service as modules of one aggregator, published cold (no `target/`, no Jib"
          + " cache, new repositories) with `-T 1` and `-T 4`.");
      line("");
      line("| Tool | -T | # | mvn wall (s) | ECR API calls (all modules) | Registry received | Registry sent"
          + " | Base layer GETs (bytes) | Mounts | Load before | Exit |");
      line("|---|---|---|---|---|---|---|---|---|---|---|");
      for (Run run : runs) {
        if (!run.kind().equals("reactor")) {
          continue;
        }
        line("| " + toolName(run) + " | " + run.threads() + " | " + run.iteration() + " | "
            + seconds(run.wallMillis()) + " | " + calls(run) + " | " + megabytes(run.bytesReceived()) + " | "
            + megabytes(run.bytesSent()) + " | " + run.baseLayerGets() + " (" + megabytes(run.baseLayerBytesSent())
            + ") | " + run.mounts() + " | " + run.loadBefore() + " | " + run.exitCode() + " |");
      }
      line("");
      for (String tool : List.of("ours", "jib")) {
        double one = median(select(tool, "reactor", "1"), Run::wallMillis);
        double four = median(select(tool, "reactor", "4"), Run::wallMillis);
        line("- " + (tool.equals("ours") ? "ecr-maven-plugin" : "jib-maven-plugin") + ": median -T 1 "
            + seconds(one) + " s, -T 4 " + seconds(four) + " s, speed-up " + ratio(one, four) + ".");
      }
      line("");
    }

    private void classPath() throws IOException {
      line("## Plugin runtime class path");
      line("");
      List<Path> jars = pluginClassPath();
      long total = 0;
      for (Path jar : jars) {
        total += Files.size(jar);
      }
      line("The plugin jar and its compile and runtime dependencies, as `dependency:build-classpath"
          + " -DincludeScope=runtime` lists them (Maven itself provides the `provided` ones): "
          + jars.size() + " jars, " + megabytes(total) + " (" + total + " bytes).");
      line("");
    }

    private void targets() throws IOException {
      line("## Targets");
      line("");
      line("| Target | Measured | Met |");
      line("|---|---|---|");
      double oursWarmMojo = median(select("ours", "warm", "1"), Run::mojoMillis);
      double jibWarmMojo = median(select("jib", "warm", "1"), Run::mojoMillis);
      double mojoRatio = oursWarmMojo / jibWarmMojo;
      target("Push mojo, warm: at most 0.9 x jib:build's", "median " + seconds(oursWarmMojo) + " s vs "
          + seconds(jibWarmMojo) + " s = " + ratio(oursWarmMojo, jibWarmMojo), mojoRatio <= 0.9,
          "missed by " + percent(mojoRatio / 0.9 - 1));
      for (String kind : List.of("warm", "cold")) {
        double ours = median(select("ours", kind, "1"), Run::wallMillis);
        double jib = median(select("jib", kind, "1"), Run::wallMillis);
        target("Whole mvn run, " + kind + ": at most 1.0 x Jib's", "median " + seconds(ours) + " s vs "
            + seconds(jib) + " s = " + ratio(ours, jib), ours <= jib, "missed by " + percent(ours / jib - 1));
      }
      double worstBytes = 0;
      for (Run run : select("ours", "warm", "1")) {
        worstBytes = Math.max(worstBytes, (double) run.bytesReceived() / run.changedLayerBytes());
      }
      target("Registry bytes received on a warm re-push: at most 1.05 x the changed layers",
          "worst run " + String.format(Locale.ROOT, "%.3f", worstBytes) + " x", worstBytes <= 1.05,
          "missed by " + percent(worstBytes / 1.05 - 1));
      long coldBaseBytes = select("ours", "cold", "1").stream().mapToLong(Run::baseLayerBytesSent).max().orElse(-1);
      target("Cold push to a new repository: no base layer downloaded", "up to " + megabytes(coldBaseBytes)
          + " of base layer downloaded per cold run", coldBaseBytes == 0, "missed: the base layer is downloaded,"
          + " then mounted");
      int reactorBaseGets = select("ours", "reactor", null).stream().mapToInt(Run::baseLayerGets).max().orElse(-1);
      int baseLayerCount = baseManifest.path("layers").size();
      target("Reactor: each base layer downloaded at most once per build", "up to " + reactorBaseGets
          + " GETs of the " + baseLayerCount + " base layer(s) per reactor build", reactorBaseGets <= baseLayerCount,
          "missed: " + reactorBaseGets + " downloads of " + baseLayerCount);
      for (String kind : List.of("warm", "cold")) {
        int limit = kind.equals("warm") ? 3 : 4;
        int worst = select("ours", kind, "1").stream()
            .mapToInt(run -> run.apiCallCount() - run.apiCalls().getOrDefault("GetAuthorizationToken", 0))
            .max().orElse(-1);
        int tokens = select("ours", kind, "1").stream()
            .mapToInt(run -> run.apiCalls().getOrDefault("GetAuthorizationToken", 0)).max().orElse(-1);
        target("ECR API calls per module, " + kind + ": at most " + limit + " plus one token", "up to " + worst
            + " plus " + tokens + " GetAuthorizationToken", worst <= limit && tokens <= 1, "missed");
      }
      int reactorTokens = select("ours", "reactor", null).stream()
          .mapToInt(run -> run.apiCalls().getOrDefault("GetAuthorizationToken", 0)).max().orElse(-1);
      double reactorCallsPerModule = select("ours", "reactor", null).stream()
          .mapToDouble(run -> (run.apiCallCount() - run.apiCalls().getOrDefault("GetAuthorizationToken", 0)) / 8.0)
          .max().orElse(-1);
      target("Reactor (cold): at most 4 calls per module plus one token per build", "up to "
          + String.format(Locale.ROOT, "%.2f", reactorCallsPerModule) + " per module plus " + reactorTokens
          + " GetAuthorizationToken per build", reactorCallsPerModule <= 4 && reactorTokens <= 1, "missed");
      double one = median(select("ours", "reactor", "1"), Run::wallMillis);
      double four = median(select("ours", "reactor", "4"), Run::wallMillis);
      target("8-module reactor: -T 4 at least 1.6 x faster than -T 1", "median " + seconds(one) + " s / "
          + seconds(four) + " s = " + ratio(one, four), one / four >= 1.6, "missed by "
          + percent(1 - (one / four) / 1.6) + " of the required speed-up");
      long classPathBytes = 0;
      for (Path jar : pluginClassPath()) {
        classPathBytes += Files.size(jar);
      }
      target("Plugin runtime class path: at most 25 MB", megabytes(classPathBytes), classPathBytes <= 25_000_000L,
          "missed");
      line("");
      line("MB here is 10^6 bytes. A target that compares with Jib uses the medians above.");
      line("");
    }

    private void target(String name, String measured, boolean met, String missed) {
      boolean notMeasured = measured.contains("NaN") || measured.contains("n/a") || measured.contains("-1");
      line("| " + name + " | " + (notMeasured ? "not measured" : measured) + " | "
          + (notMeasured ? "unknown" : met ? "yes" : "no, " + missed) + " |");
    }

    private List<Path> pluginClassPath() throws IOException {
      List<Path> jars = new ArrayList<>();
      jars.add(root.resolve("target/ecr-maven-plugin-0.1.0-SNAPSHOT.jar"));
      for (String entry : Files.readString(root.resolve("bench/target/plugin-classpath.txt")).strip().split(":")) {
        jars.add(Path.of(entry));
      }
      return jars;
    }

    private List<Run> select(String tool, String kind, String threads) {
      return runs.stream().filter(run -> run.tool().equals(tool) && run.kind().equals(kind)
          && (threads == null || run.threads().equals(threads)) && run.exitCode() == 0).toList();
    }

    private static double median(List<Run> runs, java.util.function.ToLongFunction<Run> value) {
      double[] values = runs.stream().mapToLong(value).sorted().asDoubleStream().toArray();
      if (values.length == 0) {
        return Double.NaN;
      }
      int middle = values.length / 2;
      return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String toolName(Run run) {
      return run.tool().equals("ours") ? "ecr-maven-plugin" : "jib-maven-plugin";
    }

    private static String calls(Run run) {
      if (run.apiCalls().isEmpty()) {
        return "0";
      }
      StringBuilder text = new StringBuilder().append(run.apiCallCount()).append(" (");
      run.apiCalls().forEach((operation, count) -> text.append(text.charAt(text.length() - 1) == '(' ? "" : ", ")
          .append(operation).append(count > 1 ? " x" + count : ""));
      return text.append(")").toString();
    }

    private static String seconds(double millis) {
      return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%.2f", millis / 1000);
    }

    private static String megabytes(long bytes) {
      return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }

    private static String ratio(double numerator, double denominator) {
      return denominator <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", numerator / denominator);
    }

    private static String percent(double fraction) {
      return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    private String wrapperMaven() throws IOException {
      Path properties = root.resolve(".mvn/wrapper/maven-wrapper.properties");
      return Files.exists(properties) ? Files.readAllLines(properties).stream()
          .filter(l -> l.startsWith("distributionUrl")).findFirst().orElse("").replaceAll("^.*/", "") : "unknown";
    }

    private void line(String text) {
      out.append(text).append('\n');
    }
  }
}
