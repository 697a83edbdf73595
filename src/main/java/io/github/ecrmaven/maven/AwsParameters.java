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

  /**
   * An IAM role to assume on top of the base credentials (property {@code ecr.aws.roleArn}), such as
   * {@code arn:aws:iam::123456789012:role/ecr-publisher}.
   *
   * @since 0.1.0
   */
  String roleArn;

  /**
   * The external ID the role's trust policy requires (property {@code ecr.aws.externalId}).
   *
   * @since 0.1.0
   */
  String externalId;

  /**
   * The role session name, which CloudTrail records (property {@code ecr.aws.roleSessionName}). Default:
   * {@code ecr-maven-plugin}.
   *
   * @since 0.1.0
   */
  String roleSessionName;

  /**
   * An STS endpoint override for assuming the role, such as a VPC endpoint URL (property
   * {@code ecr.aws.stsEndpoint}). The AWS SDK's {@code AWS_ENDPOINT_URL_STS} variable works too.
   *
   * @since 0.1.0
   */
  String stsEndpoint;

  /**
   * Whether to use FIPS endpoints (property {@code ecr.aws.fips}).
   *
   * @since 0.1.0
   */
  Boolean fips;

  /**
   * Whether to use dual-stack (IPv4 and IPv6) endpoints (property {@code ecr.aws.dualStack}).
   *
   * @since 0.1.0
   */
  Boolean dualStack;
}
