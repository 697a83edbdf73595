package io.github.ecrmaven.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code ecr-image.json} and {@code ecr-image.digest}, so that later pipeline steps can deploy
 * the image by digest. Both files are written only after a verified push. A publication removes the
 * files of an earlier run before it starts, so a failed push leaves none behind.
 */
public final class PushReport {
  public static final String JSON_FILE = "ecr-image.json";
  public static final String DIGEST_FILE = "ecr-image.digest";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PushReport() {}

  /**
   * Deletes the report files of an earlier run, so that a push that fails, even on a configuration
   * check, leaves none that a later pipeline step could take for its result.
   */
  public static void deleteStale(Path buildDirectory) throws IOException {
    Files.deleteIfExists(buildDirectory.resolve(JSON_FILE));
    Files.deleteIfExists(buildDirectory.resolve(DIGEST_FILE));
  }

  /** Writes both report files, each through a temporary file so that readers never see half a file. */
  static void write(Path buildDirectory, PublishResult result) throws IOException {
    ObjectNode json = JSON.createObjectNode();
    json.put("image", result.image());
    json.put("imageUri", result.imageUri());
    json.put("imageDigest", result.imageDigest());
    json.put("imageId", result.imageId());
    json.putArray("tags").addAll(result.tags().stream().map(json::textNode).toList());
    json.put("repositoryName", result.repositoryName());
    json.put("registryId", result.registryId());
    json.put("region", result.region());
    json.put("pushedAt", result.pushedAt() == null ? null : result.pushedAt().toString());
    json.put("imageManifestMediaType", result.manifestMediaType());

    Files.createDirectories(buildDirectory);
    writeAtomically(buildDirectory.resolve(JSON_FILE), JSON.writeValueAsString(json) + "\n");
    writeAtomically(buildDirectory.resolve(DIGEST_FILE), result.imageDigest() + "\n");
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
