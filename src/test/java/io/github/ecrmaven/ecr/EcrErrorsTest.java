package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.model.EcrException;

class EcrErrorsTest {

  private static EcrException serviceError(String code, String message) {
    return (EcrException) EcrException.builder()
        .statusCode(400)
        .requestId("req-1")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .build();
  }

  @Test
  void accessDeniedNamesPrincipalActionAndResource() {
    EcrAccessException e = EcrErrors.translate(serviceError("AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecr:CreateRepository on resource:"
            + " arn:aws:ecr:eu-west-1:123456789012:repository/app because no identity-based policy allows the"
            + " ecr:CreateRepository action"), "create repository app", "ecr:CreateRepository");
    assertTrue(e.getMessage().contains("The principal arn:aws:iam::123456789012:user/ci lacks ecr:CreateRepository on"
        + " arn:aws:ecr:eu-west-1:123456789012:repository/app"), e.getMessage());
  }

  @Test
  void accessDeniedWithoutDetailsNamesPermission() {
    EcrAccessException e = EcrErrors.translate(serviceError("AccessDeniedException", "Access denied"),
        "describe repository app", "ecr:DescribeRepositories");
    assertTrue(e.getMessage().contains("IAM permission ecr:DescribeRepositories"), e.getMessage());
  }

  @Test
  void serviceErrorShowsCodeStatusAndRequestId() {
    EcrAccessException e = EcrErrors.translate(serviceError("ServerException", "boom"), "describe repository app",
        "ecr:DescribeRepositories");
    assertTrue(e.getMessage().contains("ServerException: boom (status 400, request ID req-1)"), e.getMessage());
  }

  @Test
  void missingCredentialsGiveSources() {
    EcrAccessException e = EcrErrors.translate(
        SdkClientException.create("Unable to load credentials from any of the providers in the chain: ..."),
        "describe repository app", "ecr:DescribeRepositories");
    assertTrue(e.getMessage().contains("no AWS credentials found"), e.getMessage());
    assertTrue(e.getMessage().contains("<aws><profile> (ecr.aws.profile)"), e.getMessage());
  }

  @Test
  void expiredSsoSessionGivesLoginCommand() {
    EcrAccessException e = EcrErrors.translate(SdkClientException.create("Unable to load credentials from any of the"
        + " providers in the chain: [ProfileCredentialsProvider(): The SSO session associated with this profile has"
        + " expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding"
        + " profile.]"), "describe repository app", "ecr:DescribeRepositories");
    assertTrue(e.getMessage().contains("'aws sso login --profile <profile>'"), e.getMessage());
  }
}
