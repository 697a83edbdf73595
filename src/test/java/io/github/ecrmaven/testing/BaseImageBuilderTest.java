package io.github.ecrmaven.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JavaContainerBuilder;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes the base image and an application on top of it to a plain CNCF Distribution registry
 * with TLS and Basic authentication, then runs the application with podman and checks the
 * digests with skopeo.
 *
 * <p>This test covers the flow until the local ECR exists. Once tests against the local ECR cover
 * the same flow, move it there or delete it. It needs the trust store at {@value #TRUST_STORE} in the
 * test JVM from the start, for example:
 *
 * <pre>
 * ./mvnw -B test -Dtest=BaseImageBuilderTest \
 *   -DargLine="-Djavax.net.ssl.trustStore=target/local-ecr-certs/truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit"
 * </pre>
 *
 * If the certificate files are missing, the test makes them with keytool and then fails, asking for
 * this command line, because a running JVM cannot take a new default trust store.
 */
@Tag("standalone-registry")
class BaseImageBuilderTest {

  static final String CERTS_DIR = "target/local-ecr-certs";
  static final String SERVER_KEY_STORE = CERTS_DIR + "/server.p12";
  static final String TRUST_STORE = CERTS_DIR + "/truststore.p12";
  static final String CA_CERTIFICATE = CERTS_DIR + "/ca/local-ecr.crt";
  static final String STORE_PASSWORD = "changeit";

  private static final String USERNAME = "AWS";
  private static final Duration REGISTRY_START_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path tempDir;

  @Test
  void baseImagePushRunAndInspect() throws Exception {
    long start = System.nanoTime();
    Path projectDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path certsDir = projectDir.resolve(CERTS_DIR);
    createCertificatesIfMissing(projectDir);
    requireTrustedByThisJvm(projectDir.resolve(CA_CERTIFICATE));

    String password = UUID.randomUUID().toString();
    try (Registry registry = Registry.start(tempDir.resolve("registry"), projectDir, password)) {
      logTime("registry started", start);

      String baseRef = registry.host() + "/base/java17:1";
      Path workDir = tempDir.resolve("base-image");
      String baseDigest = BaseImageBuilder.pushTo(baseRef, USERNAME, password, workDir);
      logTime("base image pushed", start);
      String secondDigest = BaseImageBuilder.pushTo(registry.host() + "/base/java17:2", USERNAME, password, workDir);
      assertEquals(baseDigest, secondDigest, "two builds from the same runtime give different digests");
      logTime("base image pushed again", start);

      Skopeo.Inspection base = Skopeo.inspect(baseRef, USERNAME, password, certsDir.resolve("ca"));
      assertEquals(baseDigest, base.manifestDigest());
      assertEquals(1, base.manifest().get("layers").size(), base.rawManifest());
      JsonNode baseConfig = base.config().get("config");
      List<String> environment = texts(baseConfig.get("Env"));
      assertTrue(environment.contains("JAVA_HOME=/opt/java/openjdk"), environment.toString());
      assertTrue(
          environment.stream().anyMatch(entry -> entry.startsWith("PATH=/opt/java/openjdk/bin:")),
          environment.toString());
      assertTrue(texts(baseConfig.get("Entrypoint")).isEmpty(), baseConfig.toString());

      Path classes = compileHello(tempDir.resolve("hello"));
      String appRef = registry.host() + "/hello:1";
      JibContainer app =
          JavaContainerBuilder.from(RegistryImage.named(baseRef).addCredential(USERNAME, password))
              .addClasses(classes)
              .setMainClass("Hello")
              .toContainerBuilder()
              .containerize(
                  Containerizer.to(RegistryImage.named(appRef).addCredential(USERNAME, password))
                      .setBaseImageLayersCache(tempDir.resolve("jib-cache/base"))
                      .setApplicationLayersCache(tempDir.resolve("jib-cache/application")));
      logTime("application pushed", start);

      Skopeo.Inspection appInspection = Skopeo.inspect(appRef, USERNAME, password, certsDir.resolve("ca"));
      assertEquals(app.getDigest().toString(), appInspection.manifestDigest());
      assertEquals(2, appInspection.manifest().get("layers").size(), appInspection.rawManifest());
      logTime("digests inspected", start);

      ExternalTool.Result run =
          Podman.runImage(appRef, USERNAME, password, certsDir.resolve("ca"), List.of("one", "two"), RUN_TIMEOUT);
      logTime("application ran", start);
      assertEquals(0, run.exitCode(), run.output());
      assertTrue(
          run.stdout().contains("Hello from the container: Java 17, java.home /opt/java/openjdk, arguments [one, two]"),
          run.output());
    }
  }

  private static void logTime(String step, long startNanos) {
    System.out.printf("BaseImageBuilderTest: %s after %.1f s%n", step, (System.nanoTime() - startNanos) / 1e9);
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(value -> values.add(value.asText()));
    }
    return values;
  }

  /** Compiles a main class that prints its runtime and arguments. */
  private static Path compileHello(Path folder) throws IOException {
    Path sources = Files.createDirectories(folder.resolve("src"));
    Path classes = Files.createDirectories(folder.resolve("classes"));
    Path source = sources.resolve("Hello.java");
    Files.writeString(
        source,
        String.join(
            "\n",
            "public class Hello {",
            "  public static void main(String[] args) {",
            "    System.out.println(\"Hello from the container: Java \" + Runtime.version().feature()",
            "        + \", java.home \" + System.getProperty(\"java.home\")",
            "        + \", arguments \" + java.util.Arrays.toString(args));",
            "  }",
            "}",
            ""));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertNotNull(compiler, "this JVM has no Java compiler; run the tests on a JDK");
    int status = compiler.run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
    assertEquals(0, status, "compiling Hello.java failed");
    return classes;
  }

  /**
   * Makes the server key store, the CA certificate and the trust store with keytool unless all
   * three exist. The trust store is a copy of this JDK's {@code cacerts} plus the certificate, so
   * that downloads from public hosts keep working in a JVM that uses it.
   */
  static void createCertificatesIfMissing(Path projectDir) throws IOException {
    Path serverKeyStore = projectDir.resolve(SERVER_KEY_STORE);
    Path trustStore = projectDir.resolve(TRUST_STORE);
    Path caCertificate = projectDir.resolve(CA_CERTIFICATE);
    if (Files.exists(serverKeyStore) && Files.exists(trustStore) && Files.exists(caCertificate)) {
      return;
    }
    Files.createDirectories(caCertificate.getParent());
    Files.deleteIfExists(serverKeyStore);
    Files.deleteIfExists(trustStore);
    Files.deleteIfExists(caCertificate);

    ExternalTool keytool =
        ExternalTool.at(
            Path.of(System.getProperty("java.home"), "bin", "keytool"),
            "apt-get install -y --no-install-recommends openjdk-17-jdk-headless");
    keytool.runOrFail(
        List.of(
            "-genkeypair", "-alias", "local-ecr", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
            "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
            "-storetype", "PKCS12", "-keystore", serverKeyStore.toString(), "-storepass", STORE_PASSWORD),
        Map.of(), null, TOOL_TIMEOUT);
    keytool.runOrFail(
        List.of(
            "-exportcert", "-rfc", "-alias", "local-ecr", "-keystore", serverKeyStore.toString(),
            "-storepass", STORE_PASSWORD, "-file", caCertificate.toString()),
        Map.of(), null, TOOL_TIMEOUT);
    keytool.runOrFail(
        List.of(
            "-importkeystore", "-srckeystore", Path.of(System.getProperty("java.home"), "lib/security/cacerts").toString(),
            "-srcstorepass", "changeit", "-destkeystore", trustStore.toString(), "-deststoretype", "PKCS12",
            "-deststorepass", STORE_PASSWORD, "-noprompt"),
        Map.of(), null, TOOL_TIMEOUT);
    keytool.runOrFail(
        List.of(
            "-importcert", "-alias", "local-ecr", "-file", caCertificate.toString(), "-keystore", trustStore.toString(),
            "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-noprompt"),
        Map.of(), null, TOOL_TIMEOUT);
  }

  /** Fails with the command line to use unless this JVM's trust store contains the certificate. */
  private static void requireTrustedByThisJvm(Path caCertificate) throws Exception {
    String runHint =
        "Run the test with the trust store from the start: ./mvnw -B test -Dtest=BaseImageBuilderTest"
            + " -DargLine=\"-Djavax.net.ssl.trustStore=" + TRUST_STORE
            + " -Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD + "\"";
    String trustStorePath = System.getProperty("javax.net.ssl.trustStore");
    if (trustStorePath == null) {
      fail("javax.net.ssl.trustStore is not set. " + runHint);
    }
    KeyStore trustStore = loadKeyStore(Path.of(trustStorePath), System.getProperty("javax.net.ssl.trustStorePassword"));
    Certificate certificate = readCertificate(caCertificate);
    if (trustStore.getCertificateAlias(certificate) == null) {
      fail("The trust store " + trustStorePath + " lacks the certificate in " + caCertificate + ". " + runHint);
    }
  }

  /** Loads a PKCS12 or JKS key store, detecting its type from the content. */
  private static KeyStore loadKeyStore(Path file, String password) throws Exception {
    return KeyStore.getInstance(file.toFile(), password == null ? null : password.toCharArray());
  }

  private static Certificate readCertificate(Path pem) throws Exception {
    try (InputStream input = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificate(input);
    }
  }

  /** A CNCF Distribution registry on 127.0.0.1 with TLS and htpasswd Basic authentication. */
  private static final class Registry implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private Registry(Process process, int port, Path log) {
      this.process = process;
      this.port = port;
      this.log = log;
    }

    /** Starts the registry and waits until {@code GET /v2/} returns 401. */
    static Registry start(Path folder, Path projectDir, String password) throws Exception {
      ExternalTool registryBinary =
          ExternalTool.locate("docker-registry", "apt-get install -y --no-install-recommends docker-registry");
      ExternalTool htpasswd = ExternalTool.locate("htpasswd", "apt-get install -y --no-install-recommends apache2-utils");
      Files.createDirectories(folder.resolve("storage"));

      // The key store contains one key entry. Distribution reads the key and certificate as PEM.
      KeyStore serverStore = loadKeyStore(projectDir.resolve(SERVER_KEY_STORE), STORE_PASSWORD);
      String alias = serverStore.aliases().nextElement();
      PrivateKey key = (PrivateKey) serverStore.getKey(alias, STORE_PASSWORD.toCharArray());
      X509Certificate certificate = (X509Certificate) serverStore.getCertificate(alias);
      Path keyFile = folder.resolve("server.key");
      Path certificateFile = folder.resolve("server.crt");
      Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
      Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));

      String htpasswdLine =
          htpasswd.runOrFail(List.of("-niB", USERNAME), Map.of(), password.getBytes(StandardCharsets.UTF_8), TOOL_TIMEOUT)
              .stdout().trim();
      Path htpasswdFile = folder.resolve("htpasswd");
      Files.writeString(htpasswdFile, htpasswdLine + "\n");

      int port = freePort();
      Path config = folder.resolve("config.yml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "version: 0.1",
              "log:",
              "  level: warn",
              "  accesslog:",
              "    disabled: true",
              "storage:",
              "  filesystem:",
              "    rootdirectory: " + folder.resolve("storage"),
              "  delete:",
              "    enabled: true",
              "http:",
              "  addr: 127.0.0.1:" + port,
              "  secret: base-image-builder-test",
              "  tls:",
              "    certificate: " + certificateFile,
              "    key: " + keyFile,
              "auth:",
              "  htpasswd:",
              "    realm: base-image-builder-test",
              "    path: " + htpasswdFile,
              ""));

      Path log = folder.resolve("registry.log");
      Process process =
          new ProcessBuilder(registryBinary.executable().toString(), "serve", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Registry registry = new Registry(process, port, log);
      try {
        registry.awaitReady(certificate);
      } catch (Exception | AssertionError e) {
        registry.close();
        throw e;
      }
      return registry;
    }

    String host() {
      return "localhost:" + port;
    }

    private void awaitReady(X509Certificate certificate) throws Exception {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("registry", certificate);
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trustManagers.getTrustManagers(), null);
      HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/v2/")).build();

      long deadline = System.nanoTime() + REGISTRY_START_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        assertTrue(process.isAlive(), "the registry exited: " + Files.readString(log));
        try {
          int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          assertEquals(401, status, "GET /v2/ without credentials");
          return;
        } catch (IOException e) {
          Thread.sleep(50);
        }
      }
      fail("the registry did not answer within " + REGISTRY_START_TIMEOUT.toSeconds() + " s: " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      }
    }

    private static String pem(String type, byte[] der) {
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
      return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
  }
}
