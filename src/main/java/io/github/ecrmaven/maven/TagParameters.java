package io.github.ecrmaven.maven;

import java.util.List;

/** The {@code <tag>} parameter of {@code ecr:tag}: which image to tag, and with which tags. */
public class TagParameters {
  /**
   * The image to tag, in the configured repository (property {@code ecr.tag.source}): one of its
   * tags, such as {@code 1.4.0}, or a manifest digest, {@code sha256:} and 64 hexadecimal digits.
   * Default: the image and repository of the push report {@code target/ecr-image.json}.
   *
   * @since 0.1.0
   */
  String source;

  /**
   * The tags to add, such as {@code <tag>staging</tag>} (property {@code ecr.tag.tags}, comma
   * separated). Required.
   *
   * @since 0.1.0
   */
  List<String> tags;
}
