package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations that change an existing repository's settings: tag mutability, scan on push,
 * resource tags, lifecycle policy and repository policy. ECR has no operation that changes a
 * repository's encryption.
 */
final class RepositorySettingsOperations {

  /** ECR's limits on policy texts, from the API reference. */
  static final int MIN_LIFECYCLE_POLICY_LENGTH = 100;
  static final int MAX_LIFECYCLE_POLICY_LENGTH = 30720;
  static final int MAX_REPOSITORY_POLICY_LENGTH = 10240;

  private static final Pattern REPOSITORY_ARN =
      Pattern.compile("arn:aws[a-z-]*:ecr:([a-z0-9-]+):([0-9]{12}):repository/(.+)");

  private final LocalEcrState state;
  private final ObjectMapper mapper;

  RepositorySettingsOperations(LocalEcrState state, ObjectMapper mapper) {
    this.state = state;
    this.mapper = mapper;
  }

  ObjectNode putImageTagMutability(JsonNode request) throws EcrApiException {
    String name = EcrRequests.repositoryName(request);
    if (!request.path("imageTagMutability").isTextual()) {
      throw EcrRequests.invalidParameter("1 validation error detected: Value null at "
          + "'imageTagMutability' failed to satisfy constraint: Member must not be null");
    }
    EcrRequests.TagMutability setting = EcrRequests.tagMutability(request, "MUTABLE");
    update(name, repository ->
        repository.withTagMutability(setting.mutability(), setting.exclusionFilters()));
    ObjectNode response = repositoryResponse(name);
    EcrRequests.putTagMutability(response, setting.mutability(), setting.exclusionFilters());
    return response;
  }

  ObjectNode putImageScanningConfiguration(JsonNode request) throws EcrApiException {
    String name = EcrRequests.repositoryName(request);
    JsonNode configuration = request.path("imageScanningConfiguration");
    if (!configuration.isObject()) {
      throw EcrRequests.invalidParameter("1 validation error detected: Value null at "
          + "'imageScanningConfiguration' failed to satisfy constraint: Member must not be null");
    }
    boolean scanOnPush = configuration.path("scanOnPush").asBoolean(false);
    update(name, repository -> repository.withScanOnPush(scanOnPush));
    ObjectNode response = repositoryResponse(name);
    response.putObject("imageScanningConfiguration").put("scanOnPush", scanOnPush);
    return response;
  }

  ObjectNode tagResource(JsonNode request) throws EcrApiException {
    String name = repositoryOfArn(request);
    Map<String, String> added = EcrRequests.tags(request.path("tags"));
    LocalEcrState.Repository repository = existing(name);
    Map<String, String> merged = new LinkedHashMap<>(repository.tags());
    merged.putAll(added);
    EcrRequests.checkTagCount(merged.size());
    update(name, current -> {
      Map<String, String> tags = new LinkedHashMap<>(current.tags());
      tags.putAll(added);
      return current.withTags(tags);
    });
    return mapper.createObjectNode();
  }

  ObjectNode untagResource(JsonNode request) throws EcrApiException {
    String name = repositoryOfArn(request);
    JsonNode keys = request.path("tagKeys");
    if (!keys.isArray()) {
      throw EcrRequests.invalidParameter("1 validation error detected: Value null at 'tagKeys' "
          + "failed to satisfy constraint: Member must not be null");
    }
    if (keys.size() > EcrRequests.MAX_TAGS) {
      throw EcrRequests.invalidTag();
    }
    update(name, current -> {
      Map<String, String> tags = new LinkedHashMap<>(current.tags());
      keys.forEach(key -> tags.remove(key.asText()));
      return current.withTags(tags);
    });
    return mapper.createObjectNode();
  }

  ObjectNode listTagsForResource(JsonNode request) throws EcrApiException {
    LocalEcrState.Repository repository = existing(repositoryOfArn(request));
    ObjectNode response = mapper.createObjectNode();
    EcrRequests.putTags(response.putArray("tags"), repository.tags());
    return response;
  }

  ObjectNode putLifecyclePolicy(JsonNode request) throws EcrApiException {
    String name = EcrRequests.repositoryName(request);
    String policy = EcrRequests.policyText(request, "lifecyclePolicyText", "LifecyclePolicyText",
        MIN_LIFECYCLE_POLICY_LENGTH, MAX_LIFECYCLE_POLICY_LENGTH, true, mapper);
    update(name, repository -> repository.withLifecyclePolicy(policy));
    return lifecycleResponse(name, policy);
  }

  ObjectNode getLifecyclePolicy(JsonNode request) throws EcrApiException {
    String name = EcrRequests.repositoryName(request);
    return lifecycleResponse(name, lifecyclePolicy(existing(name)));
  }

  ObjectNode deleteLifecyclePolicy(JsonNode request) throws EcrApiException {
    String name = EcrRequests.repositoryName(request);
    String policy = lifecyclePolicy(existing(name));
    update(name, repository -> repository.withLifecyclePolicy(null));
    return lifecycleResponse(name, policy);
  }

  ObjectNode setRepositoryPolicy(JsonNode request) throws EcrApiException {
    String name = EcrRequests.repositoryName(request);
    String policy = EcrRequests.policyText(request, "policyText", "PolicyText", 0,
        MAX_REPOSITORY_POLICY_LENGTH, true, mapper);
    update(name, repository -> repository.withRepositoryPolicy(policy));
    return repositoryPolicyResponse(name, policy);
  }

  ObjectNode getRepositoryPolicy(JsonNode request) throws EcrApiException {
    String name = EcrRequests.repositoryName(request);
    return repositoryPolicyResponse(name, repositoryPolicy(existing(name)));
  }

  ObjectNode deleteRepositoryPolicy(JsonNode request) throws EcrApiException {
    String name = EcrRequests.repositoryName(request);
    String policy = repositoryPolicy(existing(name));
    update(name, repository -> repository.withRepositoryPolicy(null));
    return repositoryPolicyResponse(name, policy);
  }

  private String lifecyclePolicy(LocalEcrState.Repository repository)
      throws EcrApiException {
    if (repository.lifecyclePolicy() == null) {
      throw EcrApiException.badRequest("LifecyclePolicyNotFoundException",
          "Lifecycle policy does not exist for the repository with name '" + repository.name()
              + "' in the registry with id '" + state.account().accountId() + "'");
    }
    return repository.lifecyclePolicy();
  }

  private String repositoryPolicy(LocalEcrState.Repository repository)
      throws EcrApiException {
    if (repository.repositoryPolicy() == null) {
      throw EcrApiException.badRequest("RepositoryPolicyNotFoundException",
          "Repository policy does not exist for the repository with name '" + repository.name()
              + "' in the registry with id '" + state.account().accountId() + "'");
    }
    return repository.repositoryPolicy();
  }

  /**
   * Returns the repository name of {@code resourceArn}, which must be a repository ARN of this
   * region. {@link AccessFaults} has already rejected another account's ARN.
   */
  private String repositoryOfArn(JsonNode request) throws EcrApiException {
    String arn = request.path("resourceArn").asText(null);
    if (arn == null) {
      throw EcrRequests.invalidParameter("1 validation error detected: Value null at "
          + "'resourceArn' failed to satisfy constraint: Member must not be null");
    }
    Matcher matcher = REPOSITORY_ARN.matcher(arn);
    if (!matcher.matches() || !matcher.group(1).equals(state.account().region())) {
      throw EcrRequests.invalidParameter("Invalid parameter at 'resourceArn' failed to satisfy "
          + "constraint: '" + arn + "' is not a repository ARN in region " + state.account().region());
    }
    EcrRequests.validateRepositoryName(matcher.group(3));
    return matcher.group(3);
  }

  private LocalEcrState.Repository existing(String name) throws EcrApiException {
    return state.repository(name).orElseThrow(() -> repositoryNotFound(name));
  }

  private void update(String name, UnaryOperator<LocalEcrState.Repository> change)
      throws EcrApiException {
    if (state.updateRepository(name, change).isEmpty()) {
      throw repositoryNotFound(name);
    }
  }

  private EcrApiException repositoryNotFound(String name) {
    return EcrApiException.badRequest(
        "RepositoryNotFoundException", EcrOperations.repositoryNotFoundMessage(state.account().accountId(), name));
  }

  private ObjectNode repositoryResponse(String name) {
    ObjectNode response = mapper.createObjectNode();
    response.put("registryId", state.account().accountId());
    response.put("repositoryName", name);
    return response;
  }

  private ObjectNode lifecycleResponse(String name, String policy) {
    ObjectNode response = repositoryResponse(name);
    response.put("lifecyclePolicyText", policy);
    return response;
  }

  private ObjectNode repositoryPolicyResponse(String name, String policy) {
    ObjectNode response = repositoryResponse(name);
    response.put("policyText", policy);
    return response;
  }
}
