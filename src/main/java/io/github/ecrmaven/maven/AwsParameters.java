package io.github.ecrmaven.maven;

/** The {@code <aws>} parameter: the AWS credential settings. */
public class AwsParameters {
  /**
   * A named profile of the shared AWS config files (property {@code ecr.aws.profile}). Default: the
   * AWS SDK's default credential chain (environment variables, {@code AWS_PROFILE}, web identity, IAM
   * Identity Center, container and instance roles).
   *
   * @since 0.1.0
   */
  String profile;
}
