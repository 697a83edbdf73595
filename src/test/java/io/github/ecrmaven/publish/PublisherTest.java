package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.PluginVersion;
import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.RepositoryCreation;
import io.github.ecrmaven.ecr.RepositorySettings;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.image.ApplicationForm;
import io.github.ecrmaven.image.ApplicationLayers;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.RegistryAccess;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.LocalEcrClients;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import io.github.ecrmaven.aws.ProxySettings;
import io.github.ecrmaven.testing.RecordingLog;
import io.github.ecrmaven.testing.Skopeo;
import io.github.ecrmaven.testing.TestHttpProxy;
import io.github.ecrmaven.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RCTAppliedFor;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * Publishes through the real AWS SDK and Jib Core to the local ECR, which checks signatures, tokens
 * and repositories as ECR does.
 */
class PublisherTest {
  private static LocalEcr ecr;
  private static String baseImage;
  @TempDir static Path classes;
  @TempDir Path buildDirectory;

  @BeforeAll
  static void startLocalEcr() throws Exception {
    ecr = SharedLocalEcr.get();
    baseImage = SharedLocalEcr.baseImage();
    compileHello(classes, "hi");
  }

  /** Compiles a class {@code demo.Hello} that prints {@code greeting} into {@code directory}. */
  static void compileHello(Path directory, String greeting) throws Exception {
    // The source stays out of directory, which tests put into images, and is deleted once compiled.
    Path sources = Files.createTempDirectory("sources");
    try {
      Path source = sources.resolve("Hello.java");
      Files.writeString(source, "package demo; public class Hello { public static void main(String[] a) {"
          + " System.out.println(\"" + greeting + "\"); } }");
      assertEquals(0,
          ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", directory.toString(), source.toString()));
    } finally {
      TestFiles.deleteRecursively(sources);
    }
  }

  private PublishRequest request(String repository, RepositoryCreation creation, String base, List<String> tags)
      throws ConfigurationException {
    return request(repository, creation, base, tags, RepositorySettings.none(),
        new ApplicationLayers(List.of(), List.of(), List.of(), classes));
  }

  private PublishRequest request(String repository, RepositoryCreation creation, String base, List<String> tags,
      RepositorySettings settings, ApplicationLayers layers) throws ConfigurationException {
    return new PublishRequest(
        TargetImage.resolve(null, repository, tags),
        AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null),
        creation,
        settings,
        false,
        RegistryAccess.anonymous(base),
        layers,
        Optional.empty(),
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of()),
        buildDirectory);
  }

  private static String newRepository() {
    return "publisher/app-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void publishPushesVerifiesAndReports() throws Exception {
    String repository = newRepository();
    long creations = ecr.apiCallCount("CreateRepository");

    PublishResult result =
        new Publisher(BuildLog.silent())
            .publish(request(repository, RepositoryCreation.CREATE, baseImage, List.of("1.0.0", "stable")));

    assertEquals(creations + 1, ecr.apiCallCount("CreateRepository"));
    assertEquals(ecr.registryHost() + "/" + repository, result.image());
    assertEquals(List.of("1.0.0", "stable"), result.tags());
    assertEquals(LocalEcr.ACCOUNT_ID, result.registryId());

    JsonNode report = new ObjectMapper().readTree(buildDirectory.resolve(PushReport.JSON_FILE).toFile());
    assertEquals(result.imageDigest(), report.get("imageDigest").asText());
    assertEquals(result.imageId(), report.get("imageId").asText());
    assertEquals(repository, report.get("repositoryName").asText());
    assertEquals(LocalEcr.REGION, report.get("region").asText());
    assertNotNull(report.get("pushedAt").textValue());
    assertEquals(result.imageDigest() + "\n", Files.readString(buildDirectory.resolve(PushReport.DIGEST_FILE)));

    String password = ecr.issueRegistryPassword();
    for (String tag : List.of("1.0.0", "stable")) {
      Skopeo.Inspection inspection = Skopeo.inspect(result.image() + ":" + tag, "AWS", password, ecr.caCertDirectory());
      assertEquals(result.imageDigest(), inspection.manifestDigest(), "digest of tag " + tag);
    }
    JsonNode entrypoint = Skopeo.inspect(result.imageUri(), "AWS", password, ecr.caCertDirectory())
        .config().get("config").get("Entrypoint");
    assertEquals("demo.Hello", entrypoint.get(entrypoint.size() - 1).asText());
  }

  @Test
  void historyNamesPluginAndVersion() throws Exception {
    PublishResult result = new Publisher(BuildLog.silent())
        .publish(request(newRepository(), RepositoryCreation.CREATE, baseImage, List.of("1.0.0")));

    JsonNode history = Skopeo.inspect(result.imageUri(), "AWS", ecr.issueRegistryPassword(), ecr.caCertDirectory())
        .config().get("history");
    // The base image's own entries come first; the application's layers follow.
    JsonNode classes = history.get(history.size() - 1);
    assertEquals("classes", classes.get("comment").asText());
    assertEquals("ecr-maven-plugin:" + PluginVersion.get(), classes.get("created_by").asText());
    assertTrue(PluginVersion.get().matches("[0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)?"), PluginVersion.get());
  }

  @Test
  void warOnBaseWithoutEntrypointPushesNothing() throws Exception {
    String repository = newRepository();
    Path war = Files.createDirectories(buildDirectory.resolve("shop/WEB-INF"));
    Files.writeString(war.resolve("web.xml"), "<web-app/>");
    ApplicationLayers layers = new ApplicationLayers(List.of(), List.of(), List.of(), classes)
        .withForm(new ApplicationForm.ExplodedWar(buildDirectory.resolve("shop"), "/usr/local/tomcat/webapps/ROOT"));
    PublishRequest plain = request(repository, RepositoryCreation.CREATE, baseImage, List.of("1.0.0"),
        RepositorySettings.none(), layers);
    PublishRequest request = new PublishRequest(plain.target(), plain.aws(), plain.repositoryCreation(),
        plain.repositorySettings(), false, plain.baseImage(), layers, Optional.empty(),
        plain.container().withEntrypoint(List.of(ContainerSettings.INHERIT)), buildDirectory);
    long received = ecr.registryBytesReceived();

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> new Publisher(BuildLog.silent()).publish(request));

    assertTrue(e.getMessage().startsWith("The base image " + baseImage + " from <from><image> (ecr.from.image) has"
        + " neither an entrypoint nor a command"), e.getMessage());
    assertEquals(received, ecr.registryBytesReceived());
    try (EcrClient client = LocalEcrClients.client(ecr)) {
      assertEquals(List.of(), client.describeImages(describe -> describe.repositoryName(repository)).imageDetails());
    }
    assertFalse(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)));
  }

  @Test
  void newRepositoryMountsBaseLayersWithoutDownload() throws Exception {
    String repository = newRepository();
    RecordingLog log = new RecordingLog();
    long sentBefore = ecr.registryBytesSent();

    new Publisher(log).publish(request(repository, RepositoryCreation.CREATE, baseImage, List.of("1")));

    long sent = ecr.registryBytesSent() - sentBefore;
    assertTrue(log.infos().stream().anyMatch(info -> info.startsWith("Mounted 1 base image layer from base/java17")
        && info.endsWith(" without downloading it")), log.infos().toString());
    assertTrue(log.infos().stream().anyMatch(info -> info.matches("Stage times: repository \\d+\\.\\d\\d s, .*")),
        log.infos().toString());
    // The base image's one layer is about 20 MB; manifests and configurations are a few kilobytes.
    assertTrue(sent < 1_000_000, "the registry sent " + sent + " bytes during the push");
  }

  @Test
  void createdRepositoryGetsSettings() throws Exception {
    String repository = newRepository();
    RepositorySettings settings =
        RepositorySettings.of("IMMUTABLE", List.of(), true, null, null, Map.of(), null, null, Path.of("."));

    new Publisher(BuildLog.silent()).publish(request(repository, RepositoryCreation.CREATE, baseImage, List.of("1"),
        settings, new ApplicationLayers(List.of(), List.of(), List.of(), classes)));

    try (EcrClient client = LocalEcrClients.client(ecr)) {
      Repository created = client.describeRepositories(request -> request.repositoryNames(repository))
          .repositories().get(0);
      assertEquals(ImageTagMutability.IMMUTABLE, created.imageTagMutability());
      assertTrue(created.imageScanningConfiguration().scanOnPush());
    }
  }

  @Test
  void codeChangeUploadsOnlyClassesLayer() throws Exception {
    String repository = newRepository();
    Path dependency = buildDirectory.resolve("library-1.0.jar");
    byte[] content = new byte[2_000_000];
    new java.util.Random(7).nextBytes(content);
    Files.write(dependency, content);
    Path changingClasses = Files.createDirectories(buildDirectory.resolve("classes"));
    compileHello(changingClasses, "first");
    ApplicationLayers layers = new ApplicationLayers(List.of(dependency), List.of(), List.of(), changingClasses);
    RepositorySettings settings = RepositorySettings.none();
    Publisher publisher = new Publisher(BuildLog.silent());

    long beforeFirst = ecr.registryBytesReceived();
    publisher.publish(request(repository, RepositoryCreation.CREATE, baseImage, List.of("1"), settings, layers));
    long firstPush = ecr.registryBytesReceived() - beforeFirst;
    compileHello(changingClasses, "second");
    long beforeSecond = ecr.registryBytesReceived();
    publisher.publish(request(repository, RepositoryCreation.CREATE, baseImage, List.of("2"), settings, layers));
    long secondPush = ecr.registryBytesReceived() - beforeSecond;

    assertTrue(firstPush > content.length, "first push sent " + firstPush + " bytes");
    assertTrue(secondPush < 20_000, "second push sent " + secondPush + " bytes, more than the classes layer");
  }

  @Test
  void webIdentityProfileAssumesRole() throws Exception {
    String name = "ci-" + UUID.randomUUID().toString().substring(0, 8);
    String roleArn = "arn:aws:iam::" + LocalEcr.ACCOUNT_ID + ":role/" + name;
    ecr.registerRole(roleArn, Optional.empty());
    String token = "local-web-identity-token-" + name;
    ecr.registerWebIdentityToken(token);
    Path tokenFile = Files.writeString(buildDirectory.resolve("web-identity-token"), token);
    // The surefire configuration points AWS_CONFIG_FILE at a file of the build's own.
    Path config = Path.of(System.getenv("AWS_CONFIG_FILE"));
    Files.createDirectories(config.getParent());
    Files.writeString(config, String.join("\n",
        "[profile " + name + "]",
        "role_arn = " + roleArn,
        "web_identity_token_file = " + tokenFile,
        "role_session_name = ci-build",
        ""), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    long webIdentityCalls = ecr.apiCallCount("AssumeRoleWithWebIdentity");
    PublishRequest base = request(newRepository(), RepositoryCreation.CREATE, baseImage, List.of("1"));
    RecordingLog log = new RecordingLog();

    // The SDK's web identity provider builds its own STS client, which reads this standard setting.
    System.setProperty("aws.endpointUrlSts", ecr.stsEndpoint().toString());
    try {
      new Publisher(log).publish(withProfile(base, name));
    } finally {
      System.clearProperty("aws.endpointUrlSts");
    }

    assertEquals(webIdentityCalls + 1, ecr.apiCallCount("AssumeRoleWithWebIdentity"));
    assertEquals(Optional.of("arn:aws:sts::" + LocalEcr.ACCOUNT_ID + ":assumed-role/" + name + "/ci-build"),
        ecr.lastCallerArn());
    assertTrue(log.infos().stream().anyMatch(info -> info.startsWith("AWS credentials: ")), log.infos().toString());
  }

  @Test
  void configuredProfileWinsOverEnvironment() throws Exception {
    // The surefire configuration points AWS_SHARED_CREDENTIALS_FILE at a file of the build's own.
    Path credentials = Path.of(System.getenv("AWS_SHARED_CREDENTIALS_FILE"));
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, String.join("\n",
        "[publisher-good]",
        "aws_access_key_id = " + LocalEcr.ACCESS_KEY_ID,
        "aws_secret_access_key = " + LocalEcr.SECRET_ACCESS_KEY,
        "[publisher-wrong-secret]",
        "aws_access_key_id = " + LocalEcr.ACCESS_KEY_ID,
        "aws_secret_access_key = not-the-secret",
        ""));
    PublishRequest base = request(newRepository(), RepositoryCreation.CREATE, baseImage, List.of("1"));

    PublishException e = assertThrows(PublishException.class,
        () -> new Publisher(BuildLog.silent()).publish(withProfile(base, "publisher-wrong-secret")));
    assertTrue(e.getMessage().contains("InvalidSignatureException"), e.getMessage());

    assertNotNull(new Publisher(BuildLog.silent()).publish(withProfile(base, "publisher-good")).imageDigest());
  }

  @Test
  void unknownProfileFailsBeforeAnyCall() throws Exception {
    long calls = ecr.apiCallCounts().values().stream().mapToLong(Long::longValue).sum();
    PublishRequest base = request(newRepository(), RepositoryCreation.CREATE, baseImage, List.of("1"));

    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new Publisher(BuildLog.silent()).publish(withProfile(base, "no-such-profile")));

    assertTrue(e.getMessage().contains("AWS profile 'no-such-profile'"), e.getMessage());
    assertEquals(calls, ecr.apiCallCounts().values().stream().mapToLong(Long::longValue).sum());
  }

  private static PublishRequest withProfile(PublishRequest request, String profile) throws ConfigurationException {
    AwsSettings aws = AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), profile);
    return new PublishRequest(request.target(), aws, request.repositoryCreation(), request.repositorySettings(),
        false, request.baseImage(), request.layers(), request.manifestMainClass(), request.container(),
        request.buildDirectory());
  }

  @Test
  void onPushUsesCreationTemplate() throws Exception {
    String prefix = "onpush-" + UUID.randomUUID().toString().substring(0, 8);
    try (EcrClient client = LocalEcrClients.client(ecr)) {
      client.createRepositoryCreationTemplate(template -> template.prefix(prefix)
          .appliedFor(RCTAppliedFor.CREATE_ON_PUSH).imageTagMutability(ImageTagMutability.IMMUTABLE));
    }
    long creations = ecr.apiCallCount("CreateRepository");

    PublishResult result = new Publisher(BuildLog.silent())
        .publish(request(prefix + "/app", RepositoryCreation.ON_PUSH, baseImage, List.of("1.0")));

    assertEquals(creations, ecr.apiCallCount("CreateRepository"));
    assertEquals(LocalEcr.ACCOUNT_ID, result.registryId());
    try (EcrClient client = LocalEcrClients.client(ecr)) {
      Repository created = client.describeRepositories(request -> request.repositoryNames(prefix + "/app"))
          .repositories().get(0);
      assertEquals(ImageTagMutability.IMMUTABLE, created.imageTagMutability());
    }
  }

  @Test
  void onPushWithUnusableKmsKeyNamesKey() throws Exception {
    String prefix = "onpush-kms-" + UUID.randomUUID().toString().substring(0, 8);
    String keyArn = "arn:aws:kms:" + LocalEcr.REGION + ":" + LocalEcr.ACCOUNT_ID + ":key/"
        + UUID.randomUUID();
    try (EcrClient client = LocalEcrClients.client(ecr)) {
      client.createRepositoryCreationTemplate(template -> template.prefix(prefix)
          .appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
          .encryptionConfiguration(encryption -> encryption.encryptionType("KMS").kmsKey(keyArn)));
    }
    ecr.unusableKmsKey(keyArn);

    PublishException e = assertThrows(PublishException.class, () -> new Publisher(BuildLog.silent())
        .publish(request(prefix + "/app", RepositoryCreation.ON_PUSH, baseImage, List.of("1.0"))));

    assertTrue(e.getMessage().startsWith("ECR did not create repository " + prefix + "/app on push because its"
        + " repository creation template encrypts with the KMS key " + keyArn), e.getMessage());
    assertTrue(e.getMessage().contains("kms:CreateGrant, kms:RetireGrant and kms:DescribeKey"), e.getMessage());
    assertFalse(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)));
  }

  @Test
  void onPushWithoutTemplateNamesTemplates() throws Exception {
    String repository = "notemplate-" + UUID.randomUUID().toString().substring(0, 8) + "/app";

    PublishException e = assertThrows(PublishException.class, () -> new Publisher(BuildLog.silent())
        .publish(request(repository, RepositoryCreation.ON_PUSH, baseImage, List.of("1.0"))));

    assertTrue(e.getMessage().contains("no repository creation template for CREATE_ON_PUSH"), e.getMessage());
    assertFalse(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)));
  }

  @Test
  void fullReferenceGoesThroughRegistryEndpoint() throws Exception {
    String canonicalHost = LocalEcr.ACCOUNT_ID + ".dkr.ecr." + LocalEcr.REGION + ".amazonaws.com";
    String repository = newRepository();
    PublishRequest base = request(repository, RepositoryCreation.CREATE, baseImage, List.of("1"));
    // Nothing may connect to the canonical host: the registry endpoint override sends every registry
    // request, for the base image in the same registry too, to the local registry.
    PublishRequest request = new PublishRequest(
        TargetImage.resolve(canonicalHost + "/" + repository + ":stable", null, List.of("1"), null,
            ecr.registryHost()),
        base.aws(), base.repositoryCreation(), base.repositorySettings(), false,
        RegistryAccess.anonymous(canonicalHost + "/" + SharedLocalEcr.BASE_IMAGE), base.layers(), base.manifestMainClass(), base.container(),
        buildDirectory);

    PublishResult result = new Publisher(BuildLog.silent()).publish(request);

    assertEquals(canonicalHost + "/" + repository, result.image());
    assertEquals(List.of("1", "stable"), result.tags());
    Skopeo.Inspection inspection = Skopeo.inspect(ecr.registryHost() + "/" + repository + ":stable", "AWS",
        ecr.issueRegistryPassword(), ecr.caCertDirectory());
    assertEquals(result.imageDigest(), inspection.manifestDigest());
  }

  @Test
  void assumedRoleMakesEcrCalls() throws Exception {
    String roleArn = "arn:aws:iam::" + LocalEcr.ACCOUNT_ID + ":role/publisher-" + UUID.randomUUID().toString().substring(0, 8);
    ecr.registerRole(roleArn, Optional.of("pipeline-42"));
    PublishRequest base = request(newRepository(), RepositoryCreation.CREATE, baseImage, List.of("1"));
    AwsSettings aws = AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null, roleArn, "pipeline-42",
        "release-build", ecr.stsEndpoint().toString(), false, false);
    long assumed = ecr.apiCallCount("AssumeRole");

    new Publisher(BuildLog.silent()).publish(withAws(base, aws));

    assertEquals(assumed + 1, ecr.apiCallCount("AssumeRole"));
    String session = "arn:aws:sts::" + LocalEcr.ACCOUNT_ID + ":assumed-role/" + roleArn.substring(roleArn.indexOf('/') + 1)
        + "/release-build";
    List<LocalEcr.ApiCall> ecrCalls = ecr.apiCalls().stream()
        .filter(call -> call.operation().equals("DescribeImages") || call.operation().equals("CreateRepository"))
        .toList();
    assertEquals(session, ecrCalls.get(ecrCalls.size() - 1).principalArn());
  }

  @Test
  void wrongExternalIdFailsWithAccessDenied() throws Exception {
    String roleArn = "arn:aws:iam::" + LocalEcr.ACCOUNT_ID + ":role/guarded-" + UUID.randomUUID().toString().substring(0, 8);
    ecr.registerRole(roleArn, Optional.of("expected-id"));
    PublishRequest base = request(newRepository(), RepositoryCreation.CREATE, baseImage, List.of("1"));
    AwsSettings aws = AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null, roleArn, "other-id", null,
        ecr.stsEndpoint().toString(), false, false);

    PublishException e = assertThrows(PublishException.class,
        () -> new Publisher(BuildLog.silent()).publish(withAws(base, aws)));

    assertTrue(e.getMessage().contains("sts:AssumeRole"), e.getMessage());
  }

  @Test
  void ecrCallsGoThroughProxy() throws Exception {
    try (TestHttpProxy proxy = TestHttpProxy.start(0, "builder", "proxy-secret")) {
      ProxySettings settings = new ProxySettings("127.0.0.1", proxy.uri().getPort(), Optional.of("builder"),
          Optional.of("proxy-secret"), List.of(), "test");
      PublishRequest base = request(newRepository(), RepositoryCreation.CREATE, baseImage, List.of("1"));

      new Publisher(BuildLog.silent()).publish(withAws(base, base.aws().withProxy(Optional.of(settings))));

      // NOTE: Jib reads the proxy from JVM-wide properties, which this shared test JVM must not set, so
      // only the ECR API calls are checked here.
      assertTrue(proxy.forwardedRequests() >= 4, "forwarded " + proxy.forwardedRequests());
    }
  }

  private static PublishRequest withAws(PublishRequest request, AwsSettings aws) {
    return new PublishRequest(request.target(), aws, request.repositoryCreation(), request.repositorySettings(),
        false, request.baseImage(), request.layers(), request.manifestMainClass(), request.container(),
        request.buildDirectory());
  }

  @Test
  void otherAccountRegistrySaysWhoMustCreate() throws Exception {
    String otherHost = "210987654321.dkr.ecr." + LocalEcr.REGION + ".amazonaws.com";
    String repository = newRepository();
    PublishRequest base = request(repository, RepositoryCreation.CREATE, baseImage, List.of("1"));
    PublishRequest request = new PublishRequest(
        TargetImage.resolve(otherHost + "/" + repository, null, List.of("1"), null, ecr.registryHost()),
        base.aws(), base.repositoryCreation(), base.repositorySettings(), false, base.baseImage(), base.layers(),
        base.manifestMainClass(), base.container(), buildDirectory);

    PublishException e = assertThrows(PublishException.class, () -> new Publisher(BuildLog.silent()).publish(request));

    assertTrue(e.getMessage().contains("registry 210987654321"), e.getMessage());
    assertTrue(e.getMessage().contains("an administrator of that account must create the repository"), e.getMessage());
  }

  @Test
  void publishReusesTokenAndRepository() throws Exception {
    String repository = newRepository();
    Publisher publisher = new Publisher(BuildLog.silent());
    publisher.publish(request(repository, RepositoryCreation.CREATE, baseImage, List.of("1")));
    long tokens = ecr.apiCallCount("GetAuthorizationToken");
    long creations = ecr.apiCallCount("CreateRepository");

    publisher.publish(request(repository, RepositoryCreation.CREATE, baseImage, List.of("2")));

    assertEquals(tokens, ecr.apiCallCount("GetAuthorizationToken"));
    assertEquals(creations, ecr.apiCallCount("CreateRepository"));
  }

  @Test
  void requireFailsForMissingRepository() throws Exception {
    String repository = newRepository();
    long creations = ecr.apiCallCount("CreateRepository");

    PublishException e = assertThrows(PublishException.class,
        () -> new Publisher(BuildLog.silent())
            .publish(request(repository, RepositoryCreation.REQUIRE, baseImage, List.of("1"))));

    assertTrue(e.getMessage().contains("aws ecr create-repository --repository-name " + repository), e.getMessage());
    assertEquals(creations, ecr.apiCallCount("CreateRepository"));
    assertFalse(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)));
  }

  @Test
  void failedPushRemovesEarlierReport() throws Exception {
    Files.writeString(buildDirectory.resolve(PushReport.JSON_FILE), "{}");
    Files.writeString(buildDirectory.resolve(PushReport.DIGEST_FILE), "sha256:old");
    String missingBase = ecr.registryHost() + "/base/never-created:1";

    assertThrows(PublishException.class,
        () -> new Publisher(BuildLog.silent())
            .publish(request(newRepository(), RepositoryCreation.CREATE, missingBase, List.of("1"))));

    assertFalse(Files.exists(buildDirectory.resolve(PushReport.JSON_FILE)));
    assertFalse(Files.exists(buildDirectory.resolve(PushReport.DIGEST_FILE)));
  }

  @Test
  void invalidBaseImageFailsBeforeAnyCall() throws Exception {
    long calls = ecr.apiCallCounts().values().stream().mapToLong(Long::longValue).sum();

    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new Publisher(BuildLog.silent())
            .publish(request(newRepository(), RepositoryCreation.CREATE, "Not A Reference", List.of("1"))));

    assertTrue(e.getMessage().contains("<from><image>"), e.getMessage());
    assertEquals(calls, ecr.apiCallCounts().values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void concurrentBuildsCreateRepositoryOnce() throws Exception {
    String repository = newRepository();
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      List<Future<PublishResult>> results = new ArrayList<>();
      for (String tag : List.of("one", "two")) {
        Path directory = Files.createDirectories(buildDirectory.resolve(tag));
        PublishRequest base = request(repository, RepositoryCreation.CREATE, baseImage, List.of(tag));
        PublishRequest request = new PublishRequest(base.target(), base.aws(), base.repositoryCreation(),
            base.repositorySettings(), false, base.baseImage(), base.layers(), base.manifestMainClass(),
            base.container(), directory);
        results.add(executor.submit(() -> new Publisher(BuildLog.silent()).publish(request)));
      }
      for (Future<PublishResult> result : results) {
        assertNotNull(result.get().imageDigest());
      }
    } finally {
      executor.shutdownNow();
    }

    try (EcrClient client = LocalEcrClients.client(ecr)) {
      List<ImageDetail> images = client.describeImages(request -> request.repositoryName(repository)).imageDetails();
      assertEquals(1, images.size(), "both builds pushed the same image: " + images);
      assertTrue(images.get(0).imageTags().containsAll(List.of("one", "two")), images.get(0).imageTags().toString());
    }
  }
}
