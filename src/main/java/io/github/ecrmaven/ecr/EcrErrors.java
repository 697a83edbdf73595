package io.github.ecrmaven.ecr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns AWS SDK failures into {@link EcrAccessException}s whose messages name the remedy. */
final class EcrErrors {
  private static final Pattern ACCESS_DENIED =
      Pattern.compile("User: (\\S+) is not authorized to perform: (\\S+) on resource: (\\S+)");

  private EcrErrors() {}

  /**
   * Translates a failed ECR API call.
   *
   * @param action what the plugin was doing, such as "describe repository team/app"
   * @param permission the IAM action the call needs, such as {@code ecr:DescribeRepositories}
   */
  static EcrAccessException translate(SdkException e, String action, String permission) {
    if (e instanceof AwsServiceException service) {
      return new EcrAccessException(
          "Failed to " + action + ": " + describe(service) + remedy(service, permission), e);
    }
    String text = String.valueOf(e.getMessage());
    if (e instanceof SdkClientException && text.contains("SSO") && (text.contains("expired") || text.contains("sso login"))) {
      return new EcrAccessException(
          "Failed to " + action + ": the IAM Identity Center (SSO) session of the AWS profile has expired or was"
              + " never started. Run 'aws sso login --profile <profile>' with the profile the build uses"
              + " (<aws><profile>, ecr.aws.profile, or AWS_PROFILE), then build again.",
          e);
    }
    if (e instanceof SdkClientException && text.startsWith("Unable to load credentials")) {
      return new EcrAccessException(
          "Failed to " + action + ": no AWS credentials found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
              + " or AWS_PROFILE, or <aws><profile> (ecr.aws.profile), or run where an IAM role provides"
              + " credentials (web identity, IAM Identity Center, a container or instance role). Run with -X to"
              + " see what each credential source reported.",
          e);
    }
    if (e instanceof SdkClientException) {
      return new EcrAccessException(
          "Failed to " + action + ": " + e.getMessage()
              + " Check the AWS credentials (environment, profile, or <aws><profile>), the region and, when"
              + " one is set, the <endpoint> (ecr.endpoint) or AWS_ENDPOINT_URL_ECR.",
          e);
    }
    return new EcrAccessException("Failed to " + action + ": " + e.getMessage(), e);
  }

  private static String describe(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    return (code == null ? "" : code + ": ") + message + " (status " + e.statusCode()
        + (e.requestId() == null ? "" : ", request ID " + e.requestId()) + ").";
  }

  /**
   * Names the principal, the action and the resource from AWS's access-denied message, which reads
   * "User: ARN is not authorized to perform: ACTION on resource: ARN ...".
   */
  private static String accessDeniedRemedy(AwsServiceException e, String permission) {
    String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
    Matcher matcher = ACCESS_DENIED.matcher(message);
    if (!matcher.find()) {
      return " Grant the calling principal the IAM permission " + permission + " on this repository.";
    }
    return " The principal " + matcher.group(1) + " lacks " + matcher.group(2) + " on " + matcher.group(3)
        + ": allow it in the principal's IAM policy or, for a repository of another account, in that"
        + " repository's policy.";
  }

  private static String remedy(AwsServiceException e, String permission) {
    String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
    switch (code) {
      case "AccessDeniedException":
      case "AccessDenied":
        return accessDeniedRemedy(e, permission);
      case "UnrecognizedClientException":
      case "InvalidClientTokenId":
        return " The access key is not known to AWS: check which credentials the build uses.";
      case "InvalidSignatureException":
      case "SignatureDoesNotMatch":
        return " The secret key does not match the access key, or the region is wrong: check both.";
      case "ThrottlingException":
        return " ECR kept throttling the call after the AWS SDK's retries, because the account exceeds the API's"
            + " request rate: run fewer builds against the registry at once, or build again later.";
      case "ExpiredTokenException":
        return " The session credentials have expired: renew them (for example log in again) and rerun.";
      default:
        return "";
    }
  }
}
