package io.github.ecrmaven.maven;

/**
 * The {@code <from><aws>} parameter: how to reach the ECR registry of a base image that needs other
 * access than the target, such as a base image in another region reached through VPC endpoints, or in
 * another account whose role grants the pull. Each value that is not set falls back to the target's.
 */
public class FromAwsParameters {
  /**
   * The base image's region (property {@code ecr.from.aws.region}), such as {@code us-east-1}. Default:
   * the region in the base image's registry host, which this value must match.
   *
   * @since 0.1.0
   */
  String region;

  /**
   * The ECR API endpoint for the base image's region, such as a VPC endpoint URL (property
   * {@code ecr.from.aws.endpoint}). Default: {@code <endpoint>} when the base image is in the target's
   * region, else the standard endpoint of the base image's region.
   *
   * @since 0.1.0
   */
  String endpoint;

  /**
   * The host and optional port to reach the base image's registry at instead of its own host, such as a
   * VPC endpoint without private DNS (property {@code ecr.from.aws.registryEndpoint}), in the form
   * {@code host} or {@code host:port}. Default: the registry's own host.
   *
   * @since 0.1.0
   */
  String registryEndpoint;

  /**
   * A named profile of the shared AWS config files whose credentials fetch the base image's token
   * (property {@code ecr.from.aws.profile}). It replaces the target's profile and role. Default: the
   * target's credentials.
   *
   * @since 0.1.0
   */
  String profile;

  /**
   * An IAM role to assume for the base image's token (property {@code ecr.from.aws.roleArn}), on top of
   * {@code <from><aws><profile>}, else the target's profile, else the default credential chain, such as
   * {@code arn:aws:iam::123456789012:role/base-image-reader}. Default: the target's credentials.
   *
   * @since 0.1.0
   */
  String roleArn;

  /**
   * The external ID the base image role's trust policy requires (property {@code ecr.from.aws.externalId}).
   *
   * @since 0.1.0
   */
  String externalId;

  /**
   * The session name of the base image role, which CloudTrail records (property
   * {@code ecr.from.aws.roleSessionName}). Default: {@code ecr-maven-plugin}.
   *
   * @since 0.1.0
   */
  String roleSessionName;

  /**
   * An STS endpoint override for assuming the base image role, such as a VPC endpoint URL (property
   * {@code ecr.from.aws.stsEndpoint}). Default: {@code <aws><stsEndpoint>} when the base image is in the
   * target's region, else the standard STS endpoint of the base image's region.
   *
   * @since 0.1.0
   */
  String stsEndpoint;
}
