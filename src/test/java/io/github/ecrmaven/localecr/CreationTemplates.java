package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Repository creation templates: the operations {@code CreateRepositoryCreationTemplate},
 * {@code DescribeRepositoryCreationTemplates}, {@code UpdateRepositoryCreationTemplate} and
 * {@code DeleteRepositoryCreationTemplate}, and the choice of template when a push creates a
 * repository.
 *
 * <p>ECR documents that a prefix always ends in an assumed {@code /}: prefix {@code team} applies
 * to {@code team/app} but not to {@code teamwork/app} or to {@code team} itself. The prefix
 * {@code ROOT} applies to every repository that no other template applies to.
 */
final class CreationTemplates {

  static final String ROOT = "ROOT";

  /** The template prefix pattern: a repository name, optionally ending in {@code /}. */
  private static final Pattern PREFIX =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*/?");

  private static final Set<String> APPLIED_FOR =
      Set.of("REPLICATION", "PULL_THROUGH_CACHE", "CREATE_ON_PUSH");
  private static final int MAX_DESCRIPTION_LENGTH = 256;
  private static final int MAX_REPOSITORY_POLICY_LENGTH = 10240;
  private static final int MAX_LIFECYCLE_POLICY_LENGTH = 30720;
  private static final int MAX_ROLE_ARN_LENGTH = 2048;

  /** A stored template. Absent optional members are null. */
  record Template(
      String prefix,
      String description,
      EncryptionRequests.Encryption encryption,
      Map<String, String> resourceTags,
      EcrRequests.TagMutability tagMutability,
      String repositoryPolicy,
      String lifecyclePolicy,
      List<String> appliedFor,
      String customRoleArn,
      Instant createdAt,
      Instant updatedAt) {

    /** Returns the map key: the prefix without its trailing {@code /}. */
    String key() {
      return CreationTemplates.key(prefix);
    }

    /** Returns whether the template applies to the repository name, {@code ROOT} excluded. */
    boolean matches(String repositoryName) {
      return !key().equals(ROOT) && repositoryName.startsWith(key() + "/");
    }

    /** Builds the repository this template creates, named {@code name}. */
    LocalEcrState.Repository newRepository(String name, Instant now) {
      return new LocalEcrState.Repository(name, now, tagMutability.mutability(),
          tagMutability.exclusionFilters(), false, encryption.type(), encryption.kmsKeyArn(),
          resourceTags, lifecyclePolicy, repositoryPolicy);
    }
  }

  private final LocalEcrState state;
  private final ObjectMapper mapper;

  CreationTemplates(LocalEcrState state, ObjectMapper mapper) {
    this.state = state;
    this.mapper = mapper;
  }

  static String key(String prefix) {
    return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  /**
   * Returns the template that a push creating {@code repositoryName} uses: among the templates
   * that apply for {@code CREATE_ON_PUSH}, the one with the longest matching prefix, else
   * {@code ROOT}.
   */
  static Optional<Template> forCreateOnPush(Collection<Template> templates, String repositoryName) {
    Template root = null;
    Template best = null;
    for (Template template : templates) {
      if (!template.appliedFor().contains("CREATE_ON_PUSH")) {
        continue;
      }
      if (template.key().equals(ROOT)) {
        root = template;
      } else if (template.matches(repositoryName)
          && (best == null || template.key().length() > best.key().length())) {
        best = template;
      }
    }
    return Optional.ofNullable(best != null ? best : root);
  }

  ObjectNode create(JsonNode request) throws EcrApiException {
    String prefix = prefix(request);
    List<String> appliedFor = appliedFor(request.path("appliedFor"));
    if (appliedFor.isEmpty()) {
      throw EcrRequests.invalidParameter("1 validation error detected: Value null at "
          + "'appliedFor' failed to satisfy constraint: Member must not be null");
    }
    Template template = new Template(
        prefix,
        description(request),
        EncryptionRequests.read(request.path("encryptionConfiguration"), true, state.account()),
        EcrRequests.tags(request.path("resourceTags")),
        EcrRequests.tagMutability(request, "MUTABLE"),
        repositoryPolicy(request),
        lifecyclePolicy(request),
        appliedFor,
        customRoleArn(request),
        state.now(),
        state.now());
    if (!state.addTemplate(template)) {
      throw EcrApiException.badRequest("TemplateAlreadyExistsException",
          "The repository creation template with prefix '" + prefix + "' already exists in the "
              + "registry with id '" + state.account().accountId() + "'");
    }
    return response(template);
  }

  /**
   * Replaces the members that the request names and keeps the others, as
   * {@code UpdateRepositoryCreationTemplate} does. An empty {@code resourceTags} list removes the
   * tags.
   */
  ObjectNode update(JsonNode request) throws EcrApiException {
    String prefix = prefix(request);
    Template old = state.template(prefix).orElseThrow(() -> notFound(prefix));
    List<String> appliedFor = request.has("appliedFor")
        ? appliedFor(request.path("appliedFor")) : old.appliedFor();
    if (appliedFor.isEmpty()) {
      throw EcrRequests.invalidParameter("1 validation error detected: Value '[]' at "
          + "'appliedFor' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    boolean mutabilityGiven = request.has("imageTagMutability")
        || request.has("imageTagMutabilityExclusionFilters");
    Template updated = new Template(
        old.prefix(),
        request.has("description") ? description(request) : old.description(),
        request.has("encryptionConfiguration")
            ? EncryptionRequests.read(request.path("encryptionConfiguration"), true, state.account())
            : old.encryption(),
        request.has("resourceTags") ? EcrRequests.tags(request.path("resourceTags")) : old.resourceTags(),
        mutabilityGiven ? EcrRequests.tagMutability(request, "MUTABLE") : old.tagMutability(),
        request.has("repositoryPolicy") ? repositoryPolicy(request) : old.repositoryPolicy(),
        request.has("lifecyclePolicy") ? lifecyclePolicy(request) : old.lifecyclePolicy(),
        appliedFor,
        request.has("customRoleArn") ? customRoleArn(request) : old.customRoleArn(),
        old.createdAt(),
        state.now());
    if (!state.replaceTemplate(updated)) {
      throw notFound(prefix);
    }
    return response(updated);
  }

  private static String description(JsonNode request) throws EcrApiException {
    String description = request.path("description").asText(null);
    if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
      throw EcrRequests.invalidParameter("1 validation error detected: Value at 'description' "
          + "failed to satisfy constraint: Member must have length less than or equal to "
          + MAX_DESCRIPTION_LENGTH);
    }
    return description;
  }

  private static List<String> appliedFor(JsonNode values) throws EcrApiException {
    List<String> appliedFor = new ArrayList<>();
    for (JsonNode value : values) {
      if (!APPLIED_FOR.contains(value.asText())) {
        throw EcrRequests.invalidParameter("1 validation error detected: Value '" + value.asText()
            + "' at 'appliedFor' failed to satisfy constraint: Member must satisfy enum value "
            + "set: [REPLICATION, PULL_THROUGH_CACHE, CREATE_ON_PUSH]");
      }
      if (!appliedFor.contains(value.asText())) {
        appliedFor.add(value.asText());
      }
    }
    return appliedFor;
  }

  private static String customRoleArn(JsonNode request) throws EcrApiException {
    String roleArn = request.path("customRoleArn").asText(null);
    if (roleArn != null && roleArn.length() > MAX_ROLE_ARN_LENGTH) {
      throw EcrRequests.invalidParameter("1 validation error detected: Value at 'customRoleArn' "
          + "failed to satisfy constraint: Member must have length less than or equal to "
          + MAX_ROLE_ARN_LENGTH);
    }
    return roleArn;
  }

  private String repositoryPolicy(JsonNode request) throws EcrApiException {
    return EcrRequests.policyText(request, "repositoryPolicy", "repositoryPolicy", 0,
        MAX_REPOSITORY_POLICY_LENGTH, false, mapper);
  }

  private String lifecyclePolicy(JsonNode request) throws EcrApiException {
    return EcrRequests.policyText(request, "lifecyclePolicy", "lifecyclePolicy", 0,
        MAX_LIFECYCLE_POLICY_LENGTH, false, mapper);
  }

  ObjectNode describe(JsonNode request) throws EcrApiException {
    List<Template> found = new ArrayList<>();
    JsonNode prefixes = request.path("prefixes");
    if (prefixes.isArray() && !prefixes.isEmpty()) {
      for (JsonNode prefix : prefixes) {
        found.add(state.template(prefix.asText()).orElseThrow(() -> notFound(prefix.asText())));
      }
    } else {
      found.addAll(state.templates());
    }
    int start = request.path("nextToken").asInt(0);
    int maxResults = request.path("maxResults").asInt(100);
    if (maxResults < 1 || maxResults > 1000) {
      throw EcrRequests.invalidParameter("1 validation error detected: Value '" + maxResults
          + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 "
          + "and 1000");
    }
    ObjectNode response = mapper.createObjectNode();
    response.put("registryId", state.account().accountId());
    ArrayNode list = response.putArray("repositoryCreationTemplates");
    int end = Math.min(found.size(), start + maxResults);
    for (int i = Math.max(start, 0); i < end; i++) {
      list.add(templateJson(found.get(i)));
    }
    if (end < found.size()) {
      response.put("nextToken", Integer.toString(end));
    }
    return response;
  }

  ObjectNode delete(JsonNode request) throws EcrApiException {
    String prefix = prefix(request);
    Template removed = state.removeTemplate(prefix).orElseThrow(() -> notFound(prefix));
    return response(removed);
  }

  private static String prefix(JsonNode request) throws EcrApiException {
    String prefix = request.path("prefix").asText(null);
    if (prefix == null) {
      throw EcrRequests.invalidParameter("1 validation error detected: Value null at 'prefix' "
          + "failed to satisfy constraint: Member must not be null");
    }
    if (!prefix.equals(ROOT) && (prefix.length() > 256 || !PREFIX.matcher(prefix).matches())) {
      throw EcrRequests.invalidParameter("Invalid parameter at 'prefix' failed to satisfy "
          + "constraint: 'must be ROOT or a repository namespace that satisfies regular "
          + "expression '" + PREFIX.pattern() + "''");
    }
    return prefix;
  }

  private EcrApiException notFound(String prefix) {
    return EcrApiException.badRequest("TemplateNotFoundException",
        "The repository creation template with prefix '" + prefix + "' does not exist in the "
            + "registry with id '" + state.account().accountId() + "'");
  }

  private ObjectNode response(Template template) {
    ObjectNode response = mapper.createObjectNode();
    response.put("registryId", state.account().accountId());
    response.set("repositoryCreationTemplate", templateJson(template));
    return response;
  }

  private ObjectNode templateJson(Template template) {
    ObjectNode json = mapper.createObjectNode();
    json.put("prefix", template.prefix());
    if (template.description() != null) {
      json.put("description", template.description());
    }
    ObjectNode encryption = json.putObject("encryptionConfiguration");
    encryption.put("encryptionType", template.encryption().type());
    if (template.encryption().kmsKey() != null) {
      encryption.put("kmsKey", template.encryption().kmsKey());
    }
    EcrRequests.putTags(json.putArray("resourceTags"), template.resourceTags());
    EcrRequests.putTagMutability(json, template.tagMutability().mutability(),
        template.tagMutability().exclusionFilters());
    if (template.repositoryPolicy() != null) {
      json.put("repositoryPolicy", template.repositoryPolicy());
    }
    if (template.lifecyclePolicy() != null) {
      json.put("lifecyclePolicy", template.lifecyclePolicy());
    }
    ArrayNode appliedFor = json.putArray("appliedFor");
    template.appliedFor().forEach(appliedFor::add);
    if (template.customRoleArn() != null) {
      json.put("customRoleArn", template.customRoleArn());
    }
    json.put("createdAt", EcrRequests.epochSeconds(template.createdAt()));
    json.put("updatedAt", EcrRequests.epochSeconds(template.updatedAt()));
    return json;
  }
}
