package io.github.ecrmaven.localecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The local STS, called through the real AWS SDK {@link StsClient} and
 * {@link StsAssumeRoleCredentialsProvider}, and the ECR API's check of the credentials it issues.
 */
class LocalStsTest {

  private static final String EXTERNAL_ID = "build-42";

  private static LocalEcr ecr;
  private static StsClient sts;

  @BeforeAll
  static void startClient() {
    ecr = SharedLocalEcr.get();
    sts = LocalEcrClients.stsClient(ecr, Region.EU_WEST_1);
  }

  @AfterAll
  static void closeClient() {
    sts.close();
  }

  @Test
  void assumedRoleMakesEcrCalls() {
    String roleArn = "arn:aws:iam::123456789012:role/ci/sts-deploy";
    ecr.registerRole(roleArn, Optional.of(EXTERNAL_ID));
    long assumeRoleCalls = ecr.apiCallCount("AssumeRole");

    try (StsAssumeRoleCredentialsProvider provider =
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request -> request.roleArn(roleArn)
                    .roleSessionName("maven-build").externalId(EXTERNAL_ID))
                .build();
        EcrClient client = LocalEcrClients.client(ecr.apiEndpoint(), provider)) {
      client.describeRepositories(request -> {});
      AwsCredentials credentials = provider.resolveCredentials();

      String sessionArn = "arn:aws:sts::123456789012:assumed-role/sts-deploy/maven-build";
      assertTrue(credentials instanceof AwsSessionCredentials, credentials.getClass().getName());
      assertTrue(credentials.accessKeyId().startsWith("ASIA"), credentials.accessKeyId());
      assertEquals(assumeRoleCalls + 1, ecr.apiCallCount("AssumeRole"));
      assertTrue(ecr.apiCalls().contains(new LocalEcr.ApiCall("DescribeRepositories",
              credentials.accessKeyId(), sessionArn, callTime("DescribeRepositories"))),
          ecr.apiCalls().toString());
      assertEquals(LocalEcr.USER_ARN, callerOf("AssumeRole"));
    }
  }

  @Test
  void assumeRoleReturnsStsFields() {
    String roleArn = "arn:aws:iam::123456789012:role/sts-fields";
    ecr.registerRole(roleArn, Optional.empty());

    AssumeRoleResponse response = sts.assumeRole(request -> request.roleArn(roleArn)
        .roleSessionName("fields").durationSeconds(900));

    assertEquals("arn:aws:sts::123456789012:assumed-role/sts-fields/fields",
        response.assumedRoleUser().arn());
    assertTrue(response.assumedRoleUser().assumedRoleId().matches("AROA[A-Z0-9]{17}:fields"),
        response.assumedRoleUser().assumedRoleId());
    assertTrue(response.credentials().accessKeyId().matches("ASIA[A-Z0-9]{16}"),
        response.credentials().accessKeyId());
    assertEquals(40, response.credentials().secretAccessKey().length());
    assertTrue(response.credentials().sessionToken().length() > 100);
    Duration lifetime = Duration.between(Instant.now(), response.credentials().expiration());
    assertTrue(lifetime.compareTo(Duration.ofSeconds(890)) > 0, lifetime.toString());
    assertTrue(lifetime.compareTo(Duration.ofSeconds(900)) <= 0, lifetime.toString());
  }

  @Test
  void wrongExternalIdIsDenied() {
    String roleArn = "arn:aws:iam::123456789012:role/sts-external";
    ecr.registerRole(roleArn, Optional.of(EXTERNAL_ID));

    StsException error = assertThrows(StsException.class, () -> sts.assumeRole(request ->
        request.roleArn(roleArn).roleSessionName("wrong").externalId("build-43")));

    assertEquals(403, error.statusCode());
    assertEquals("AccessDenied", error.awsErrorDetails().errorCode());
    assertEquals("User: arn:aws:iam::123456789012:user/local-ecr-test is not authorized to "
        + "perform: sts:AssumeRole on resource: " + roleArn,
        error.awsErrorDetails().errorMessage());
  }

  @Test
  void missingExternalIdIsDenied() {
    String roleArn = "arn:aws:iam::123456789012:role/sts-external-missing";
    ecr.registerRole(roleArn, Optional.of(EXTERNAL_ID));

    StsException error = assertThrows(StsException.class,
        () -> sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName("missing")));

    assertEquals(403, error.statusCode());
    assertEquals("AccessDenied", error.awsErrorDetails().errorCode());
  }

  @Test
  void unknownRoleIsDenied() {
    String roleArn = "arn:aws:iam::123456789012:role/sts-never-registered";

    StsException error = assertThrows(StsException.class,
        () -> sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName("unknown")));

    assertEquals(403, error.statusCode());
    assertEquals("AccessDenied", error.awsErrorDetails().errorCode());
    assertTrue(error.awsErrorDetails().errorMessage().endsWith("on resource: " + roleArn),
        error.awsErrorDetails().errorMessage());
  }

  @Test
  void madeUpSessionTokenIsRejected() {
    String roleArn = "arn:aws:iam::123456789012:role/sts-token";
    ecr.registerRole(roleArn, Optional.empty());
    var issued = sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName("token"))
        .credentials();
    AwsSessionCredentials madeUp = AwsSessionCredentials.create(
        issued.accessKeyId(), issued.secretAccessKey(), "made-up-session-token");

    try (EcrClient client =
        LocalEcrClients.client(ecr.apiEndpoint(), StaticCredentialsProvider.create(madeUp))) {
      EcrException error = assertThrows(EcrException.class,
          () -> client.describeRepositories(request -> {}));

      assertEquals(403, error.statusCode());
      assertEquals("UnrecognizedClientException", error.awsErrorDetails().errorCode());
    }
  }

  @Test
  void sessionKeyWithoutTokenIsRejected() {
    String roleArn = "arn:aws:iam::123456789012:role/sts-no-token";
    ecr.registerRole(roleArn, Optional.empty());
    var issued = sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName("no-token"))
        .credentials();

    try (EcrClient client = LocalEcrClients.client(ecr.apiEndpoint(), Region.EU_WEST_1,
        issued.accessKeyId(), issued.secretAccessKey())) {
      EcrException error = assertThrows(EcrException.class,
          () -> client.describeRepositories(request -> {}));

      assertEquals(403, error.statusCode());
      assertEquals("UnrecognizedClientException", error.awsErrorDetails().errorCode());
    }
  }

  @Test
  void stsSignedForOtherRegionIsRejected() {
    try (StsClient usEast = LocalEcrClients.stsClient(ecr, Region.US_EAST_1)) {
      StsException error = assertThrows(StsException.class, () -> usEast.assumeRole(request ->
          request.roleArn("arn:aws:iam::123456789012:role/sts-region").roleSessionName("region")));

      assertEquals(403, error.statusCode());
      assertEquals("SignatureDoesNotMatch", error.awsErrorDetails().errorCode());
      assertTrue(error.awsErrorDetails().errorMessage().contains("'us-east-1'"),
          error.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void durationBelowMinimumIsInvalid() {
    String roleArn = "arn:aws:iam::123456789012:role/sts-duration";
    ecr.registerRole(roleArn, Optional.empty());

    StsException error = assertThrows(StsException.class, () -> sts.assumeRole(request ->
        request.roleArn(roleArn).roleSessionName("duration").durationSeconds(899)));

    assertEquals(400, error.statusCode());
    assertEquals("ValidationError", error.awsErrorDetails().errorCode());
  }

  @Test
  void unsupportedActionIsRejected() {
    StsException error = assertThrows(StsException.class, () -> sts.getCallerIdentity());

    assertEquals(400, error.statusCode());
    assertEquals("InvalidAction", error.awsErrorDetails().errorCode());
  }

  private static String callerOf(String operation) {
    return lastCall(operation).principalArn();
  }

  private static Instant callTime(String operation) {
    return lastCall(operation).time();
  }

  private static LocalEcr.ApiCall lastCall(String operation) {
    List<LocalEcr.ApiCall> calls = ecr.apiCalls().stream()
        .filter(call -> call.operation().equals(operation))
        .toList();
    return calls.get(calls.size() - 1);
  }
}
