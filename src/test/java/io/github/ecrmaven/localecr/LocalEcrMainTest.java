package io.github.ecrmaven.localecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** {@link LocalEcrMain} run as a separate process, the way a build starts it. */
class LocalEcrMainTest {

  @TempDir Path work;

  @Test
  void startWritesEnvironmentAndStopsOnSigterm() throws Exception {
    Path directory = work.resolve("ecr");
    Process server = java("start", "--dir", directory.toString(), "--cert-dir", certificates());
    try {
      Process await = java("await", "--dir", directory.toString(), "--timeout-seconds", "30");
      assertTrue(await.waitFor(40, TimeUnit.SECONDS));
      assertEquals(0, await.exitValue());
      Map<String, String> environment = readEnvironment(directory.resolve("local-ecr.env"));

      assertTrue(Files.exists(directory.resolve("ready")));
      assertTrue(environment.get("AWS_ENDPOINT_URL_ECR").startsWith("http://127.0.0.1:"));
      assertTrue(environment.get("AWS_ENDPOINT_URL_STS").startsWith("http://127.0.0.1:"));
      assertEquals("eu-west-1", environment.get("AWS_REGION"));
      assertEquals(LocalEcr.ACCESS_KEY_ID, environment.get("AWS_ACCESS_KEY_ID"));
      assertEquals(LocalEcr.SECRET_ACCESS_KEY, environment.get("AWS_SECRET_ACCESS_KEY"));
      assertEquals("true", environment.get("AWS_EC2_METADATA_DISABLED"));
      assertTrue(Files.isRegularFile(Path.of(environment.get("LOCAL_ECR_TRUSTSTORE"))));
      assertTrue(Files.isDirectory(Path.of(environment.get("LOCAL_ECR_CA_DIR"))));
      assertEquals(401, statusOf("https://" + environment.get("LOCAL_ECR_REGISTRY") + "/v2/"));
    } finally {
      server.destroy();
    }

    assertTrue(server.waitFor(20, TimeUnit.SECONDS), "stopped after SIGTERM");
    assertFalse(Files.exists(directory.resolve("ready")), "ready marker removed");
    assertTrue(Files.readString(directory.resolve("local-ecr.log")).contains("Local ECR stopped"));
  }

  @Test
  void startStopsWhenParentExits() throws Exception {
    Process parent = new ProcessBuilder("sleep", "60").start();
    Path directory = work.resolve("ecr");
    Process server = java("start", "--dir", directory.toString(), "--cert-dir", certificates(),
        "--parent-pid", Long.toString(parent.pid()));
    try {
      Process await = java("await", "--dir", directory.toString());
      assertTrue(await.waitFor(40, TimeUnit.SECONDS));
      assertEquals(0, await.exitValue());
      assertTrue(server.isAlive(), "running while the parent runs");

      parent.destroy();

      assertTrue(server.waitFor(20, TimeUnit.SECONDS), "stopped after the parent exited");
    } finally {
      server.destroyForcibly();
      parent.destroyForcibly();
    }
  }

  @Test
  void startLoadsFaultsFile() throws Exception {
    Path directory = work.resolve("ecr");
    Path faults = work.resolve("faults.json");
    Files.writeString(faults, "{\"denyActions\": [{\"action\": \"CreateRepository\", "
        + "\"repository\": \"main/denied\"}], \"otherAccountRegistries\": [\"210987654321\"]}");
    Process server = java("start", "--dir", directory.toString(), "--cert-dir", certificates(),
        "--faults", faults.toString());
    try {
      Process await = java("await", "--dir", directory.toString(), "--timeout-seconds", "30");
      assertTrue(await.waitFor(40, TimeUnit.SECONDS));
      assertEquals(0, await.exitValue());
      Map<String, String> environment = readEnvironment(directory.resolve("local-ecr.env"));

      try (EcrClient client = LocalEcrClients.client(
          URI.create(environment.get("AWS_ENDPOINT_URL_ECR")), Region.EU_WEST_1,
          environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"))) {
        EcrException error = assertThrows(EcrException.class, () -> client.createRepository(
            request -> request.repositoryName("main/denied")));
        client.createRepository(request -> request.repositoryName("main/allowed"));

        assertEquals("AccessDeniedException", error.awsErrorDetails().errorCode());
      }
    } finally {
      server.destroy();
    }
    assertTrue(server.waitFor(20, TimeUnit.SECONDS), "stopped after SIGTERM");
  }

  @Test
  void startRegistersRolesFile() throws Exception {
    Path directory = work.resolve("ecr");
    Path roles = work.resolve("roles.json");
    String roleArn = "arn:aws:iam::123456789012:role/main-deploy";
    Files.writeString(roles, "[{\"roleArn\": \"" + roleArn + "\", \"externalId\": \"main-42\"}]");
    Process server = java("start", "--dir", directory.toString(), "--cert-dir", certificates(),
        "--roles", roles.toString());
    try {
      Process await = java("await", "--dir", directory.toString(), "--timeout-seconds", "30");
      assertTrue(await.waitFor(40, TimeUnit.SECONDS));
      assertEquals(0, await.exitValue());
      Map<String, String> environment = readEnvironment(directory.resolve("local-ecr.env"));

      try (StsClient sts = LocalEcrClients.stsClient(
              URI.create(environment.get("AWS_ENDPOINT_URL_STS")), Region.EU_WEST_1,
              environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"));
          StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
              .stsClient(sts)
              .refreshRequest(request -> request.roleArn(roleArn).roleSessionName("main")
                  .externalId("main-42"))
              .build();
          EcrClient client = LocalEcrClients.client(
              URI.create(environment.get("AWS_ENDPOINT_URL_ECR")), provider)) {
        client.describeRepositories(request -> {});
        String accessKeyId = provider.resolveCredentials().accessKeyId();

        List<String> callers = Files.readAllLines(directory.resolve("api-callers.log"));
        assertTrue(callers.contains("AssumeRole\t" + LocalEcr.ACCESS_KEY_ID + "\t"
            + LocalEcr.USER_ARN), callers.toString());
        assertTrue(callers.contains("DescribeRepositories\t" + accessKeyId
            + "\tarn:aws:sts::123456789012:assumed-role/main-deploy/main"), callers.toString());
      }
    } finally {
      server.destroy();
    }
    assertTrue(server.waitFor(20, TimeUnit.SECONDS), "stopped after SIGTERM");
  }

  @Test
  void invalidRolesFileFailsStart() throws Exception {
    Path directory = work.resolve("ecr");
    Path roles = work.resolve("roles.json");
    Files.writeString(roles, "[{\"roleArn\": \"arn:aws:iam::123456789012:user/not-a-role\"}]");

    Process start = java("start", "--dir", directory.toString(), "--cert-dir", certificates(),
        "--roles", roles.toString());

    assertTrue(start.waitFor(40, TimeUnit.SECONDS));
    assertEquals(1, start.exitValue());
    assertTrue(Files.readString(directory.resolve("failed")).contains("not-a-role"));
  }

  @Test
  void invalidFaultsFileFailsStart() throws Exception {
    Path directory = work.resolve("ecr");
    Path faults = work.resolve("faults.json");
    Files.writeString(faults, "{\"otherAccountRegistries\": [\"not-an-account\"]}");

    Process start = java("start", "--dir", directory.toString(), "--cert-dir", certificates(),
        "--faults", faults.toString());

    assertTrue(start.waitFor(40, TimeUnit.SECONDS));
    assertEquals(1, start.exitValue());
    assertTrue(Files.readString(directory.resolve("failed")).contains("not-an-account"));
  }

  @Test
  void startPlaysConfiguredAccount() throws Exception {
    Path directory = work.resolve("ecr");
    Process server = java("start", "--dir", directory.toString(), "--cert-dir", certificates(),
        "--account-id", "210987654321", "--region", "cn-north-1", "--partition", "aws-cn");
    try {
      Process await = java("await", "--dir", directory.toString(), "--timeout-seconds", "30");
      assertTrue(await.waitFor(40, TimeUnit.SECONDS));
      assertEquals(0, await.exitValue());
      Map<String, String> environment = readEnvironment(directory.resolve("local-ecr.env"));

      assertEquals("cn-north-1", environment.get("AWS_REGION"));
      assertEquals("210987654321", environment.get("LOCAL_ECR_ACCOUNT_ID"));
      assertEquals("aws-cn", environment.get("LOCAL_ECR_PARTITION"));
      assertEquals("210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn",
          environment.get("LOCAL_ECR_CANONICAL_REGISTRY"));
      try (EcrClient client = LocalEcrClients.client(URI.create(environment.get("AWS_ENDPOINT_URL_ECR")),
          Region.CN_NORTH_1, LocalEcr.ACCESS_KEY_ID, LocalEcr.SECRET_ACCESS_KEY)) {
        String arn = client.createRepository(request -> request.repositoryName("team/app"))
            .repository().repositoryArn();
        assertEquals("arn:aws-cn:ecr:cn-north-1:210987654321:repository/team/app", arn);
      }
    } finally {
      server.destroy();
    }
    assertTrue(server.waitFor(20, TimeUnit.SECONDS), "stopped after SIGTERM");
  }

  @Test
  void regionOfOtherPartitionExitsWithTwo() throws Exception {
    Process start = java("start", "--dir", work.resolve("ecr").toString(), "--cert-dir", certificates(),
        "--region", "us-gov-west-1", "--partition", "aws");

    assertTrue(start.waitFor(20, TimeUnit.SECONDS));
    assertEquals(2, start.exitValue());
    assertTrue(Files.readString(work.resolve("process.log"))
        .contains("Region us-gov-west-1 is not in partition aws but in aws-us-gov"));
  }

  @Test
  void awaitTimesOutWithoutServer() throws Exception {
    Process await = java("await", "--dir", work.toString(), "--timeout-seconds", "1");

    assertTrue(await.waitFor(20, TimeUnit.SECONDS));
    assertEquals(1, await.exitValue());
  }

  @Test
  void invalidArgumentsExitWithTwo() throws Exception {
    Process start = java("start", "--dir");

    assertTrue(start.waitFor(20, TimeUnit.SECONDS));
    assertEquals(2, start.exitValue());
  }

  private Process java(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LocalEcrMain.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("process.log").toFile()))
        .start();
  }

  private static String certificates() {
    return SharedLocalEcr.CERTIFICATE_DIRECTORY.toAbsolutePath().toString();
  }

  private static Map<String, String> readEnvironment(Path file) throws IOException {
    Map<String, String> environment = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int equals = line.indexOf('=');
      environment.put(line.substring(0, equals), line.substring(equals + 1));
    }
    return environment;
  }

  private static int statusOf(String uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(uri)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
