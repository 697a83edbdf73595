package io.github.ecrmaven.ecr;

import java.util.Optional;
import software.amazon.awssdk.services.ecr.model.EncryptionType;

/**
 * The encryption of a repository's images at rest, which ECR fixes when it creates the repository.
 *
 * @param type {@code AES256}, {@code KMS} or {@code KMS_DSSE}
 * @param kmsKey the KMS key ARN, key ID or alias for the KMS types, or empty for the AWS managed key
 */
public record EncryptionSettings(EncryptionType type, Optional<String> kmsKey) {

  @Override
  public String toString() {
    return type + kmsKey.map(key -> " with key " + key).orElse("");
  }
}
