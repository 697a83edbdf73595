package io.github.ecrmaven.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecrmaven.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JSON policy from the configuration: a lifecycle policy or a repository policy, given inline or
 * as a file.
 *
 * @param origin where the text came from, such as {@code src/main/ecr/lifecycle.json} or "inline JSON"
 * @param text the policy as written
 * @param json the parsed policy, for comparing it with the one a repository has
 */
public record PolicyDocument(String origin, String text, JsonNode json) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads a policy: a value starting with {@code {} is inline JSON, anything else is a file path,
   * relative to {@code baseDirectory} unless absolute.
   *
   * @param parameter the POM element and property, for error messages
   * @throws ConfigurationException when the file is missing or the text is not a JSON object
   */
  public static PolicyDocument load(String value, String parameter, Path baseDirectory) throws ConfigurationException {
    String trimmed = value.trim();
    if (trimmed.startsWith("{")) {
      return parse("inline JSON", trimmed, parameter);
    }
    Path file = baseDirectory.resolve(trimmed);
    if (!Files.isRegularFile(file)) {
      throw new ConfigurationException(
          "Policy file " + file + " from " + parameter + " not found. Give a path relative to the project"
              + " directory, or the policy itself as JSON starting with '{'.");
    }
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), parameter);
    } catch (IOException e) {
      throw new ConfigurationException("Failed to read the policy file " + file + " from " + parameter + ": " + e, e);
    }
  }

  private static PolicyDocument parse(String origin, String text, String parameter) throws ConfigurationException {
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      // Jackson's message can quote the whole input; the line and column are enough to find the problem.
      String reason = e.getOriginalMessage().replaceAll("\\s*\\(start marker at .*", "").replaceAll("\\R.*", "");
      throw new ConfigurationException(
          "Invalid JSON in " + parameter + " (" + origin + "): " + reason + " at line "
              + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ".",
          e);
    }
    if (json == null || !json.isObject()) {
      throw new ConfigurationException(
          "Invalid policy in " + parameter + " (" + origin + "): a policy is a JSON object, starting with '{'.");
    }
    return new PolicyDocument(origin, text, json);
  }

  /** Returns whether {@code other} is the same JSON document, whatever its formatting. */
  public boolean sameAs(String other) {
    try {
      return json.equals(JSON.readTree(other));
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
