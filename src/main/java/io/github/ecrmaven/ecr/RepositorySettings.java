package io.github.ecrmaven.ecr;

import io.github.ecrmaven.ConfigurationException;
import java.util.Locale;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/**
 * The settings a repository gets when the plugin creates it.
 *
 * @param imageTagMutability whether tags can be moved to another image
 * @param scanOnPush whether ECR scans each image when it is pushed
 */
public record RepositorySettings(ImageTagMutability imageTagMutability, boolean scanOnPush) {

  /**
   * Parses the {@code <imageTagMutability>} value.
   *
   * @throws ConfigurationException when the value is not one ECR accepts
   */
  public static ImageTagMutability parseTagMutability(String value) throws ConfigurationException {
    String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    if (normalized.equals("MUTABLE")) {
      return ImageTagMutability.MUTABLE;
    }
    if (normalized.equals("IMMUTABLE")) {
      return ImageTagMutability.IMMUTABLE;
    }
    throw new ConfigurationException(
        "Invalid <imageTagMutability> (ecr.imageTagMutability) '" + value + "': use MUTABLE or IMMUTABLE.");
  }
}
