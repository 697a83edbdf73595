package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the request members that several ECR operations share, with the limits and
 * error types of the ECR API reference (API version 2015-09-21).
 */
final class EcrRequests {

  /** ECR's repository name pattern, from the {@code CreateRepository} API reference. */
  static final Pattern REPOSITORY_NAME =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

  static final Set<String> TAG_MUTABILITIES =
      Set.of("MUTABLE", "IMMUTABLE", "MUTABLE_WITH_EXCLUSION", "IMMUTABLE_WITH_EXCLUSION");

  /** The pattern of {@code ImageTagMutabilityExclusionFilter.filter} in the API reference. */
  private static final Pattern EXCLUSION_FILTER = Pattern.compile("[0-9a-zA-Z._*-]{1,128}");
  private static final int MAX_EXCLUSION_FILTERS = 5;

  /** ECR's tag limits: 50 tags a repository, keys of 1 to 128 and values of 0 to 256 characters. */
  static final int MAX_TAGS = 50;
  private static final int MAX_TAG_KEY_LENGTH = 128;
  private static final int MAX_TAG_VALUE_LENGTH = 256;

  private EcrRequests() {}

  /** A tag mutability setting with its exclusion filters. */
  record TagMutability(String mutability, List<String> exclusionFilters) {}

  static String repositoryName(JsonNode request) throws EcrApiException {
    JsonNode name = request.get("repositoryName");
    if (name == null || !name.isTextual()) {
      throw invalidParameter(
          "1 validation error detected: Value null at 'repositoryName' failed to satisfy "
              + "constraint: Member must not be null");
    }
    validateRepositoryName(name.asText());
    return name.asText();
  }

  static void validateRepositoryName(String name) throws EcrApiException {
    String prefix = "Invalid parameter at 'repositoryName' failed to satisfy constraint: ";
    if (name.length() < 2) {
      throw invalidParameter(prefix + "'must have length greater than or equal to 2'");
    }
    if (name.length() > 256) {
      throw invalidParameter(prefix + "'must have length less than or equal to 256'");
    }
    if (!REPOSITORY_NAME.matcher(name).matches()) {
      throw invalidParameter(
          prefix + "'must satisfy regular expression '" + REPOSITORY_NAME.pattern() + "''");
    }
  }

  /**
   * Reads {@code imageTagMutability} (default {@code defaultValue}) and
   * {@code imageTagMutabilityExclusionFilters}. The filters are required for the two
   * {@code *_WITH_EXCLUSION} values and rejected for the others, 1 to 5 filters of type
   * {@code WILDCARD}.
   */
  static TagMutability tagMutability(JsonNode request, String defaultValue)
      throws EcrApiException {
    String mutability = request.path("imageTagMutability").asText(defaultValue);
    if (!TAG_MUTABILITIES.contains(mutability)) {
      throw invalidParameter(
          "1 validation error detected: Value '" + mutability + "' at 'imageTagMutability' "
              + "failed to satisfy constraint: Member must satisfy enum value set: "
              + "[MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]");
    }
    JsonNode filters = request.path("imageTagMutabilityExclusionFilters");
    boolean hasFilters = filters.isArray() && !filters.isEmpty();
    boolean withExclusion = mutability.endsWith("_WITH_EXCLUSION");
    if (withExclusion && !hasFilters) {
      throw invalidParameter(
          "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy "
              + "constraint: 'At least one exclusion filter is required when "
              + "imageTagMutability is " + mutability + "'");
    }
    if (!withExclusion && hasFilters) {
      throw invalidParameter(
          "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy "
              + "constraint: 'Exclusion filters can only be specified when imageTagMutability is "
              + "IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION'");
    }
    if (filters.size() > MAX_EXCLUSION_FILTERS) {
      throw invalidParameter(
          "1 validation error detected: Value at 'imageTagMutabilityExclusionFilters' failed to "
              + "satisfy constraint: Member must have length less than or equal to "
              + MAX_EXCLUSION_FILTERS);
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      String member = "imageTagMutabilityExclusionFilters." + (i + 1) + ".member.";
      String type = filters.get(i).path("filterType").asText(null);
      String filter = filters.get(i).path("filter").asText(null);
      if (!"WILDCARD".equals(type)) {
        throw invalidParameter(
            "1 validation error detected: Value '" + type + "' at '" + member + "filterType' "
                + "failed to satisfy constraint: Member must satisfy enum value set: [WILDCARD]");
      }
      if (filter == null || !EXCLUSION_FILTER.matcher(filter).matches()) {
        throw invalidParameter(
            "1 validation error detected: Value '" + filter + "' at '" + member + "filter' "
                + "failed to satisfy constraint: Member must satisfy regular expression "
                + "pattern: ^" + EXCLUSION_FILTER.pattern() + "$");
      }
      if (values.contains(filter)) {
        throw invalidParameter(
            "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy "
                + "constraint: 'Duplicate exclusion filter \"" + filter + "\"'");
      }
      values.add(filter);
    }
    return new TagMutability(mutability, values);
  }

  /**
   * Reads a list of {@code {"Key": ..., "Value": ...}} tags. A later tag with the same key
   * replaces the earlier one, as ECR does.
   */
  static Map<String, String> tags(JsonNode list) throws EcrApiException {
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonNode tag : list) {
      JsonNode key = tag.get("Key");
      JsonNode value = tag.get("Value");
      if (key == null || !key.isTextual() || key.asText().isEmpty()
          || key.asText().length() > MAX_TAG_KEY_LENGTH || value == null || !value.isTextual()
          || value.asText().length() > MAX_TAG_VALUE_LENGTH) {
        throw invalidTag();
      }
      if (key.asText().regionMatches(true, 0, "aws:", 0, 4)) {
        throw EcrApiException.badRequest("InvalidTagParameterException",
            "Tag keys that start with 'aws:' are reserved for AWS use: '" + key.asText() + "'");
      }
      tags.put(key.asText(), value.asText());
    }
    checkTagCount(tags.size());
    return tags;
  }

  static void checkTagCount(int count) throws EcrApiException {
    if (count > MAX_TAGS) {
      throw EcrApiException.badRequest("TooManyTagsException",
          "The list of tags on the repository is over the limit. The maximum number of tags "
              + "that can be applied to a repository is " + MAX_TAGS + ".");
    }
  }

  static EcrApiException invalidTag() {
    return EcrApiException.badRequest("InvalidTagParameterException",
        "An invalid parameter has been specified. Tag keys can have a maximum character length "
            + "of 128 characters, and tag values can have a maximum length of 256 characters.");
  }

  /**
   * Reads a policy text member, which ECR stores verbatim and requires to be a JSON object.
   *
   * @param displayName the member name that ECR's messages use, for example {@code PolicyText}
   * @return the text, or null if the member is absent and not {@code required}
   */
  static String policyText(
      JsonNode request,
      String member,
      String displayName,
      int minLength,
      int maxLength,
      boolean required,
      ObjectMapper mapper)
      throws EcrApiException {
    JsonNode text = request.get(member);
    if (text == null || text.isNull()) {
      if (required) {
        throw invalidParameter("1 validation error detected: Value null at '" + member
            + "' failed to satisfy constraint: Member must not be null");
      }
      return null;
    }
    String policy = text.asText();
    if (policy.length() < minLength || policy.length() > maxLength) {
      throw invalidParameter("1 validation error detected: Value at '" + member
          + "' failed to satisfy constraint: Member must have length between " + minLength
          + " and " + maxLength);
    }
    try {
      JsonNode parsed = mapper.readTree(policy);
      if (parsed == null || !parsed.isObject()) {
        throw invalidParameter("Invalid parameter at '" + displayName + "' failed to satisfy "
            + "constraint: 'The policy is not a JSON object'");
      }
    } catch (JsonProcessingException e) {
      throw invalidParameter("Invalid parameter at '" + displayName + "' failed to satisfy "
          + "constraint: 'The policy is not valid JSON: " + e.getOriginalMessage() + "'");
    }
    return policy;
  }

  static void putTagMutability(ObjectNode json, String mutability, List<String> filters) {
    json.put("imageTagMutability", mutability);
    if (!filters.isEmpty()) {
      ArrayNode array = json.putArray("imageTagMutabilityExclusionFilters");
      filters.forEach(filter -> array.addObject().put("filterType", "WILDCARD")
          .put("filter", filter));
    }
  }

  static void putTags(ArrayNode array, Map<String, String> tags) {
    tags.forEach((key, value) -> array.addObject().put("Key", key).put("Value", value));
  }

  static EcrApiException invalidParameter(String message) {
    return EcrApiException.badRequest("InvalidParameterException", message);
  }

  static double epochSeconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }
}
