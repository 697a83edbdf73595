package io.github.ecrmaven.maven;

import java.util.List;

/** The {@code <to>} parameter: the target image reference and its tags. */
public class ToParameters {
  /**
   * A full ECR image reference, such as {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app}
   * (property {@code ecr.to.image}). Its host gives the account and region; a tag in it is pushed
   * too. When not set, the image goes to {@code <repository>} in the caller's own registry.
   *
   * @since 0.1.0
   */
  String image;

  /**
   * The tags to push (property {@code ecr.to.tags}, comma-separated). Default: the project version.
   * No tag is added implicitly, not even {@code latest}.
   *
   * @since 0.1.0
   */
  List<String> tags;
}
