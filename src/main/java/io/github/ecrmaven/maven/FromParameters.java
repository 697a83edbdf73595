package io.github.ecrmaven.maven;

/** The {@code <from>} parameter: the base image. */
public class FromParameters {
  /**
   * The base image reference (property {@code ecr.from.image}). Default: {@code eclipse-temurin:<N>-jre},
   * where N is the project's Java release, 17 at least. A base image in the target's ECR registry, or
   * another ECR registry of the same region, is pulled with the target's authorization token.
   *
   * @since 0.1.0
   */
  String image;
}
