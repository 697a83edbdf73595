package io.github.ecrmaven.maven;

/** The {@code <from>} parameter: the base image. */
public class FromParameters {
  /**
   * The base image reference (property {@code ecr.from.image}). Default: {@code eclipse-temurin:<N>-jre},
   * where N is the project's Java release, 17 at least. A base image in a private ECR registry is pulled
   * with an authorization token of its region: the target's when the base image is in the target's region
   * and {@code <aws>} is not set, else one from an ECR client of its own.
   *
   * @since 0.1.0
   */
  String image;

  /**
   * How to reach the base image's ECR registry when it needs other access than the target:
   * {@code <region>}, {@code <endpoint>}, {@code <registryEndpoint>}, {@code <profile>}, {@code <roleArn>},
   * {@code <externalId>}, {@code <roleSessionName>} and {@code <stsEndpoint>}, each with its
   * {@code ecr.from.aws.*} property. Only for a base image in a private ECR registry.
   *
   * @since 0.1.0
   */
  FromAwsParameters aws;

  /**
   * The platforms to build for (property {@code ecr.from.platforms}, comma separated), each as
   * {@code os/architecture}, such as {@code <platform>linux/arm64</platform>}. Default: Jib's, linux/amd64,
   * or the base image's only platform. With several, the base image must be a multi-platform index, and the
   * pushed image is an index whose tags point at the index only. {@code ecr:build} takes one.
   *
   * @since 0.1.0
   */
  java.util.List<String> platforms;
}
