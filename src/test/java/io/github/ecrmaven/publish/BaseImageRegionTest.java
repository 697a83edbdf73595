package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.aws.BaseImageAws;
import io.github.ecrmaven.ecr.RepositoryCreation;
import io.github.ecrmaven.ecr.RepositorySettings;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.image.ApplicationLayers;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.RegistryAccess;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import io.github.ecrmaven.testing.BaseImageBuilder;
import io.github.ecrmaven.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push to the shared local ECR in eu-west-1 whose base image lives in a second local ECR that plays
 * us-east-1 with an IAM user key of its own. Both are reached through endpoint overrides, as a user of
 * VPC endpoints without private DNS reaches ECR, and each local ECR checks the SigV4 region and key.
 */
class BaseImageRegionTest {
  private static final String EAST_KEY_ID = "AKIAUSEAST1EXAMPLE01";
  private static final String EAST_SECRET = "us-east-1-secret-for-tests-only";
  private static final String EAST_PROFILE = "base-image-reader";

  @TempDir static Path work;
  @TempDir static Path classes;
  @TempDir Path buildDirectory;

  private static LocalEcr target;
  private static LocalEcr east;
  private static String canonicalBaseImage;

  @BeforeAll
  static void startSecondRegion() throws Exception {
    target = SharedLocalEcr.get();
    east = LocalEcr.start(new LocalEcr.Options(work.resolve("east"), SharedLocalEcr.CERTIFICATE_DIRECTORY.toAbsolutePath())
        .region("us-east-1").accessKey(EAST_KEY_ID, EAST_SECRET));
    east.createRepository("base/java17");
    BaseImageBuilder.pushTo(east.registryHost() + "/base/java17:17", "AWS", east.issueRegistryPassword(),
        work.resolve("base-image"));
    canonicalBaseImage = east.canonicalRegistryHost() + "/base/java17:17";
    PublisherTest.compileHello(classes, "from another region");
    addProfile(EAST_PROFILE, EAST_KEY_ID, EAST_SECRET);
  }

  @AfterAll
  static void stopSecondRegion() {
    east.close();
  }

  /** Adds a profile to the test's own shared credentials file, which the surefire configuration names. */
  private static void addProfile(String name, String keyId, String secret) throws Exception {
    Path credentials = Path.of(System.getenv("AWS_SHARED_CREDENTIALS_FILE"));
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, "\n[" + name + "]\naws_access_key_id = " + keyId + "\naws_secret_access_key = "
        + secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private PublishRequest request(BaseImageAws fromAws) throws ConfigurationException {
    String repository = "regions/app-" + UUID.randomUUID().toString().substring(0, 8);
    return new PublishRequest(
        TargetImage.resolve(target.canonicalRegistryHost() + "/" + repository, null, List.of("1.0"), null,
            target.registryHost()),
        AwsSettings.of(null, target.apiEndpoint().toString(), null),
        RepositoryCreation.CREATE,
        RepositorySettings.none(),
        false,
        RegistryAccess.anonymous(canonicalBaseImage),
        fromAws,
        new ApplicationLayers(List.of(), List.of(), List.of(), classes),
        Optional.empty(),
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of()),
        buildDirectory);
  }

  private static BaseImageAws eastWithProfile() throws ConfigurationException {
    return BaseImageAws.of(null, east.apiEndpoint().toString(), EAST_PROFILE, null, null, null, null,
        east.registryHost());
  }

  private static long tokenCalls(LocalEcr ecr) {
    return ecr.apiCallCount("GetAuthorizationToken");
  }

  private static LocalEcr.ApiCall lastTokenCall(LocalEcr ecr) {
    List<LocalEcr.ApiCall> calls = ecr.apiCalls().stream()
        .filter(call -> call.operation().equals("GetAuthorizationToken")).toList();
    return calls.get(calls.size() - 1);
  }

  @Test
  void baseImageTokenComesFromItsRegion() throws Exception {
    // A profile of its own gives a client of its own, whose token no other test has fetched.
    addProfile("base-image-reader-first", EAST_KEY_ID, EAST_SECRET);
    BaseImageAws fromAws = BaseImageAws.of(null, east.apiEndpoint().toString(), "base-image-reader-first", null, null,
        null, null, east.registryHost());
    long eastTokens = tokenCalls(east);
    long eastBytes = east.registryBytesSent();
    RecordingLog log = new RecordingLog();

    PublishResult result = new Publisher(log).publish(request(fromAws));

    assertEquals("eu-west-1", result.region());
    assertEquals(eastTokens + 1, tokenCalls(east));
    assertEquals(EAST_KEY_ID, lastTokenCall(east).accessKeyId());
    assertEquals(east.userArn(), lastTokenCall(east).principalArn());
    assertEquals(LocalEcr.ACCESS_KEY_ID, lastTokenCall(target).accessKeyId());
    assertTrue(east.registryBytesSent() > eastBytes, "the base image was read from the us-east-1 registry");
    assertTrue(log.infos().stream().anyMatch(line -> line.startsWith("AWS credentials for the base image "
        + canonicalBaseImage + ": profile base-image-reader-first")), log.infos().toString());
  }

  @Test
  void baseImageTokenIsSharedAcrossPublications() throws Exception {
    BaseImageAws fromAws = eastWithProfile();
    new Publisher(BuildLog.silent()).publish(request(fromAws));
    long eastTokens = tokenCalls(east);

    new Publisher(BuildLog.silent()).publish(request(fromAws));

    assertEquals(eastTokens, tokenCalls(east));
  }

  @Test
  void baseImageRoleIsAssumedInItsRegion() throws Exception {
    String roleArn = "arn:aws:iam::" + east.accountId() + ":role/base-reader-" + UUID.randomUUID().toString().substring(0, 8);
    east.registerRole(roleArn, Optional.of("base-42"));
    BaseImageAws fromAws = BaseImageAws.of("us-east-1", east.apiEndpoint().toString(), EAST_PROFILE, roleArn,
        "base-42", "base-pull", east.stsEndpoint().toString(), east.registryHost());
    long assumed = east.apiCallCount("AssumeRole");

    new Publisher(BuildLog.silent()).publish(request(fromAws));

    assertEquals(assumed + 1, east.apiCallCount("AssumeRole"));
    String session = "arn:aws:sts::" + east.accountId() + ":assumed-role/" + roleArn.substring(roleArn.indexOf('/') + 1)
        + "/base-pull";
    assertEquals(session, lastTokenCall(east).principalArn());
    assertEquals(LocalEcr.USER_ARN, lastTokenCall(target).principalArn());
  }

  @Test
  void wrongBaseImageKeyRejected() throws Exception {
    addProfile("base-image-wrong-key", LocalEcr.ACCESS_KEY_ID, LocalEcr.SECRET_ACCESS_KEY);
    BaseImageAws fromAws = BaseImageAws.of(null, east.apiEndpoint().toString(), "base-image-wrong-key", null, null,
        null, null, east.registryHost());

    PublishException e = assertThrows(PublishException.class,
        () -> new Publisher(BuildLog.silent()).publish(request(fromAws)));

    assertTrue(e.getMessage().startsWith("Failed to get an ECR authorization token for the base image "
        + canonicalBaseImage + " in us-east-1"), e.getMessage());
    assertTrue(e.getMessage().contains("UnrecognizedClientException"), e.getMessage());
  }

  @Test
  void tarballBuildUsesBaseImageRegion() throws Exception {
    long eastTokens = tokenCalls(east);
    long targetTokens = tokenCalls(target);
    BuildRequest request = new BuildRequest(
        TargetImage.resolve(null, "regions/tarball", List.of("1.0")),
        AwsSettings.of("eu-west-1", target.apiEndpoint().toString(), null),
        RegistryAccess.anonymous(canonicalBaseImage),
        BaseImageAws.of(null, east.apiEndpoint().toString(), "base-image-reader-build", null, null, null, null,
            east.registryHost()),
        new ApplicationLayers(List.of(), List.of(), List.of(), classes),
        Optional.empty(),
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of()),
        buildDirectory);
    addProfile("base-image-reader-build", EAST_KEY_ID, EAST_SECRET);

    new TarballBuild(BuildLog.silent()).build(request);

    assertTrue(Files.size(buildDirectory.resolve(TarballBuild.TARBALL)) > 1_000_000);
    assertEquals(eastTokens + 1, tokenCalls(east));
    assertEquals(targetTokens, tokenCalls(target));
  }

  @Test
  void fromAwsRegionMustMatchHost() throws Exception {
    long calls = target.apiCallCounts().values().stream().mapToLong(Long::longValue).sum();
    BaseImageAws fromAws = BaseImageAws.of("us-west-2", east.apiEndpoint().toString(), null, null, null, null, null,
        null);

    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new Publisher(BuildLog.silent()).publish(request(fromAws)));

    assertTrue(e.getMessage().contains("<from><aws><region> (ecr.from.aws.region) is 'us-west-2'"), e.getMessage());
    assertTrue(e.getMessage().contains("is in 'us-east-1'"), e.getMessage());
    assertEquals(calls, target.apiCallCounts().values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void fromAwsRejectedForEcrPublic() throws Exception {
    PublishRequest base = request(eastWithProfile());
    PublishRequest request = new PublishRequest(base.target(), base.aws(), base.repositoryCreation(),
        base.repositorySettings(), false, RegistryAccess.anonymous("public.ecr.aws/amazoncorretto/amazoncorretto:17"),
        base.baseImageAws(), base.layers(), base.manifestMainClass(), base.container(), buildDirectory);

    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new Publisher(BuildLog.silent()).publish(request));

    assertTrue(e.getMessage().startsWith("<from><aws> applies only to a base image in a private ECR registry"),
        e.getMessage());
    assertTrue(e.getMessage().contains("ECR Public"), e.getMessage());
  }

  @Test
  void unknownFromAwsProfileFailsEarly() throws Exception {
    BaseImageAws fromAws = BaseImageAws.of(null, east.apiEndpoint().toString(), "no-such-base-profile", null, null,
        null, null, null);

    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new Publisher(BuildLog.silent()).publish(request(fromAws)));

    assertTrue(e.getMessage().contains("'no-such-base-profile' from <from><aws><profile> (ecr.from.aws.profile)"),
        e.getMessage());
  }
}
