package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Permission and KMS failures that a test sets up so that it can check the error messages a
 * caller shows, together with the registry ID check that every API call passes. Thread-safe.
 *
 * <p>The messages name the local ECR's IAM user as the caller. NOTE: they do so for a call made with an
 * assumed role's credentials too, where AWS would name the role session. Messages follow the form
 * AWS uses for {@code AccessDeniedException}: {@code User: ARN is not authorized to perform:
 * ecr:ACTION on resource: RESOURCE because no identity-based policy allows the ecr:ACTION
 * action}.
 */
final class AccessFaults {

  /** Operations without a repository resource, which IAM checks against resource {@code *}. */
  private static final Set<String> REGISTRY_OPERATIONS =
      Set.of(
          "GetAuthorizationToken",
          "CreateRepositoryCreationTemplate",
          "DescribeRepositoryCreationTemplates",
          "UpdateRepositoryCreationTemplate",
          "DeleteRepositoryCreationTemplate");

  private static final Pattern REPOSITORY_ARN =
      Pattern.compile("arn:aws[a-z-]*:ecr:([a-z0-9-]+):([0-9]{12}):repository/(.+)");

  private record DenyRule(String action, String repositoryPattern) {}

  private final LocalEcrAccount account;
  private final List<DenyRule> denyRules = new CopyOnWriteArrayList<>();
  private final Set<String> unusableKmsKeys = new CopyOnWriteArraySet<>();
  private final Set<String> otherAccountRegistries = new CopyOnWriteArraySet<>();
  private final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> throttledCalls =
      new java.util.concurrent.ConcurrentHashMap<>();

  AccessFaults(LocalEcrAccount account) {
    this.account = account;
  }

  /**
   * Denies {@code action} (for example {@code CreateRepository} or {@code ecr:PutImage}) on the
   * repositories whose names match {@code repositoryNamePattern}, where {@code *} matches any run
   * of characters. Calls without a repository, such as {@code GetAuthorizationToken}, match only
   * the pattern {@code *}.
   */
  void denyAction(String action, String repositoryNamePattern) {
    String name = action.startsWith("ecr:") ? action.substring(4) : action;
    denyRules.add(new DenyRule(name, repositoryNamePattern));
  }

  /** Makes {@code CreateRepository} fail with {@code KmsException} for this key ARN. */
  void unusableKmsKey(String keyArn) {
    unusableKmsKeys.add(keyArn);
  }

  /**
   * Declares {@code registryId} another account's registry whose repositories grant the caller
   * nothing. Every registry ID other than the local ECR's own is already treated so; the
   * declaration documents a test's intent and lets a faults file name the ID.
   */
  void otherAccountRegistry(String registryId) {
    if (!registryId.matches("[0-9]{12}") || registryId.equals(account.accountId())) {
      throw new IllegalArgumentException("Invalid other account registry ID '" + registryId
          + "': expected 12 digits other than " + account.accountId());
    }
    otherAccountRegistries.add(registryId);
  }

  /**
   * Rejects the next {@code times} calls of {@code operation} on {@code repository} ({@code *} for
   * calls without a repository) with {@code ThrottlingException}, as ECR does when a caller exceeds
   * its request rate.
   */
  void throttle(String operation, String repository, int times) {
    throttledCalls.put(operation + " " + repository, new java.util.concurrent.atomic.AtomicInteger(times));
  }

  /** Removes every fault. */
  void clear() {
    throttledCalls.clear();
    denyRules.clear();
    unusableKmsKeys.clear();
    otherAccountRegistries.clear();
  }

  /**
   * Adds the faults of a JSON object with the optional members {@code denyActions} (objects with
   * {@code action} and {@code repository}), {@code unusableKmsKeys} and
   * {@code otherAccountRegistries} (strings).
   *
   * @throws IllegalArgumentException if a member has the wrong form
   */
  void load(JsonNode faults) {
    if (!faults.isObject()) {
      throw new IllegalArgumentException("The faults file must contain a JSON object");
    }
    for (JsonNode rule : faults.path("denyActions")) {
      String action = rule.path("action").asText("");
      String repository = rule.path("repository").asText("");
      if (action.isEmpty() || repository.isEmpty()) {
        throw new IllegalArgumentException(
            "Invalid deny rule " + rule + ": expected {\"action\": ..., \"repository\": ...}");
      }
      denyAction(action, repository);
    }
    faults.path("unusableKmsKeys").forEach(key -> unusableKmsKey(key.asText()));
    faults.path("otherAccountRegistries").forEach(id -> otherAccountRegistry(id.asText()));
  }

  /**
   * Checks an API call's {@code registryId} (or the account of its {@code resourceArn}) and the
   * deny rules for every repository the call names.
   *
   * @throws EcrApiException {@code InvalidParameterException} for a malformed registry ID,
   *     {@code AccessDeniedException} for another account or a denied action
   */
  void checkApiCall(String operation, JsonNode request) throws EcrApiException {
    String account = request.path("registryId").asText(this.account.accountId());
    List<String> repositories = new ArrayList<>();
    Matcher arn = REPOSITORY_ARN.matcher(request.path("resourceArn").asText(""));
    if (request.path("repositoryName").isTextual()) {
      repositories.add(request.path("repositoryName").asText());
    } else if (arn.matches()) {
      account = arn.group(2);
      repositories.add(arn.group(3));
    } else {
      request.path("repositoryNames").forEach(name -> repositories.add(name.asText()));
    }
    if (repositories.isEmpty()) {
      repositories.add("*");
    }
    java.util.concurrent.atomic.AtomicInteger throttled = throttledCalls.get(operation + " " + repositories.get(0));
    if (throttled != null && throttled.getAndDecrement() > 0) {
      throw EcrApiException.badRequest("ThrottlingException", "Rate exceeded");
    }

    if (!account.matches("[0-9]{12}")) {
      throw EcrRequests.invalidParameter(
          "Invalid parameter at 'registryId' failed to satisfy constraint: "
              + "'must satisfy regular expression '[0-9]{12}''");
    }
    boolean registryLevel = REGISTRY_OPERATIONS.contains(operation);
    if (!account.equals(this.account.accountId())) {
      String resource = registryLevel ? "*" : this.account.repositoryArn(account, repositories.get(0));
      throw accessDenied(deniedMessage(operation, resource, "resource-based"));
    }
    for (String repository : repositories) {
      Optional<String> denied = deniedAction(operation, repository, registryLevel);
      if (denied.isPresent()) {
        throw accessDenied(denied.get());
      }
    }
  }

  /**
   * Returns the {@code AccessDeniedException} message if a deny rule matches the action on the
   * repository, or empty if the caller may perform it.
   */
  Optional<String> deniedAction(String action, String repository, boolean registryLevel) {
    for (DenyRule rule : denyRules) {
      if (rule.action().equals(action)
          && TagImmutability.matchesWildcard(rule.repositoryPattern(), repository)) {
        String resource = registryLevel || repository.equals("*")
            ? "*" : account.repositoryArn(repository);
        return Optional.of(deniedMessage(action, resource, "identity-based"));
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the ECR API action that IAM checks for a registry request, as ECR documents it for
   * the Docker Registry HTTP API.
   *
   * @param route the path after {@code /v2/NAME/}, for example {@code manifests/1.0}
   */
  static String registryAction(String method, String route) {
    if (route.startsWith("manifests/")) {
      switch (method) {
        case "PUT":
          return "PutImage";
        case "DELETE":
          return "BatchDeleteImage";
        default:
          return "BatchGetImage";
      }
    }
    if (route.startsWith("blobs/uploads")) {
      switch (method) {
        case "PATCH":
          return "UploadLayerPart";
        case "PUT":
          return "CompleteLayerUpload";
        default:
          return "InitiateLayerUpload";
      }
    }
    if (route.startsWith("blobs/")) {
      return method.equals("HEAD") ? "BatchCheckLayerAvailability" : "GetDownloadUrlForLayer";
    }
    return "ListImages";
  }

  /**
   * Rejects a key that {@link #unusableKmsKey} named, with the {@code KmsException} ECR returns
   * when KMS refuses the grant it needs for a repository's key.
   */
  void checkKmsKey(String keyArn) throws EcrApiException {
    Optional<String> failure = kmsFailure(keyArn, account.userArn());
    if (failure.isEmpty()) {
      return;
    }
    // NOTE: modeled on ECR's documented KmsException (a message and a kmsError code), not on a
    // captured response; ECR needs kms:CreateGrant and kms:DescribeKey on the key.
    throw EcrApiException.badRequest("KmsException", failure.get())
        .withMember("kmsError", "AccessDeniedException");
  }

  /**
   * Returns the KMS error for a key that {@link #unusableKmsKey} named, as KMS reports it when
   * {@code principalArn} may not create a grant on the key, or empty for any other key.
   */
  Optional<String> kmsFailure(String keyArn, String principalArn) {
    if (keyArn == null || !unusableKmsKeys.contains(keyArn)) {
      return Optional.empty();
    }
    return Optional.of("KMS error: User: " + principalArn + " is not authorized to perform:"
        + " kms:CreateGrant on resource: " + keyArn + " because no identity-based policy allows the"
        + " kms:CreateGrant action");
  }

  private String deniedMessage(String action, String resource, String policyKind) {
    String qualified = action.startsWith("kms:") ? action : "ecr:" + action;
    return "User: " + account.userArn() + " is not authorized to perform: " + qualified
        + " on resource: " + resource + " because no " + policyKind + " policy allows the "
        + qualified + " action";
  }

  private static EcrApiException accessDenied(String message) {
    return EcrApiException.badRequest("AccessDeniedException", message);
  }
}
