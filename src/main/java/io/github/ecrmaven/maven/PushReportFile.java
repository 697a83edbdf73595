package io.github.ecrmaven.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.RepositoryName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The push report {@code target/ecr-image.json} of an earlier {@code ecr:push}, as the goals that work
 * on a pushed image read it.
 *
 * @param repository the repository the image was pushed to
 * @param registryId the registry's account, if the report names it
 * @param region the registry's region, if the report names it
 * @param digest the manifest digest
 * @param tags the pushed tags
 * @param manifestMediaType the manifest media type, if the report names it
 */
record PushReportFile(
    RepositoryName repository,
    Optional<String> registryId,
    Optional<String> region,
    String digest,
    List<ImageTag> tags,
    Optional<String> manifestMediaType) {
  static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads a push report.
   *
   * @param alternative what the user can give instead of a report, for the message when it is missing
   * @throws ConfigurationException when the file is missing, unreadable, or lacks a valid digest or tags
   */
  static PushReportFile read(Path report, String alternative) throws ConfigurationException {
    if (!Files.isRegularFile(report)) {
      throw new ConfigurationException("No push report at " + report + ": run ecr:push first (mvn deploy, or mvn"
          + " package ecr:push), or " + alternative + ".");
    }
    JsonNode json;
    try {
      json = JSON.readTree(report.toFile());
    } catch (IOException e) {
      throw new ConfigurationException("Failed to read the push report " + report + ": " + e.getMessage(), e);
    }
    List<ImageTag> tags = new ArrayList<>();
    for (JsonNode tag : json.path("tags")) {
      tags.add(ImageTag.parse(tag.asText(), "the push report " + report));
    }
    String digest = json.path("imageDigest").asText("");
    if (!DIGEST.matcher(digest).matches() || tags.isEmpty()) {
      throw new ConfigurationException(
          "Invalid push report " + report + ": it has no valid imageDigest or no tags. Run ecr:push again.");
    }
    return new PushReportFile(
        RepositoryName.parse(json.path("repositoryName").asText(null), "the push report " + report),
        optionalText(json, "registryId"),
        optionalText(json, "region"),
        digest,
        tags,
        optionalText(json, "imageManifestMediaType"));
  }

  private static Optional<String> optionalText(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
  }
}
