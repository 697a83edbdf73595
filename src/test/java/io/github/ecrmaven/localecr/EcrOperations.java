package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The ECR operations of the local ECR API, from a parsed JSON request to a JSON response. It runs
 * the repository and image operations itself and passes the others to
 * {@link RepositorySettingsOperations}, {@link ImageManifestOperations}, {@link ScanOperations} and
 * {@link CreationTemplates}.
 */
final class EcrOperations {

  private final LocalEcrState state;
  private final RegistryInventory inventory;
  private final ObjectMapper mapper;
  private final String registryHost;
  private final Path registryRepositories;
  private final RepositorySettingsOperations settings;
  private final CreationTemplates templates;
  private final ImageManifestOperations manifests;
  private final ScanOperations scans;

  /**
   * @param registryHost the front's {@code host:port}, used in repository URIs
   * @param registryRepositories Distribution's {@code repositories} storage folder
   */
  EcrOperations(
      LocalEcrState state,
      RegistryInventory inventory,
      ObjectMapper mapper,
      String registryHost,
      Path registryRepositories) {
    this.state = state;
    this.inventory = inventory;
    this.mapper = mapper;
    this.registryHost = registryHost;
    this.registryRepositories = registryRepositories;
    this.settings = new RepositorySettingsOperations(state, mapper);
    this.templates = new CreationTemplates(state, mapper);
    this.manifests = new ImageManifestOperations(state, inventory, mapper);
    this.scans = new ScanOperations(state, inventory, mapper);
  }

  /** Runs one operation after the registry ID and access checks of {@link AccessFaults}. */
  ObjectNode invoke(String operation, JsonNode request) throws EcrApiException, IOException {
    state.accessFaults().checkApiCall(operation, request);
    switch (operation) {
      case "GetAuthorizationToken":
        return getAuthorizationToken();
      case "CreateRepository":
        return createRepository(request);
      case "DescribeRepositories":
        return describeRepositories(request);
      case "DescribeImages":
        return describeImages(request);
      case "BatchGetImage":
        return manifests.batchGetImage(request);
      case "PutImage":
        return manifests.putImage(request);
      case "DeleteRepository":
        return deleteRepository(request);
      case "PutImageTagMutability":
        return settings.putImageTagMutability(request);
      case "PutImageScanningConfiguration":
        return settings.putImageScanningConfiguration(request);
      case "TagResource":
        return settings.tagResource(request);
      case "UntagResource":
        return settings.untagResource(request);
      case "ListTagsForResource":
        return settings.listTagsForResource(request);
      case "PutLifecyclePolicy":
        return settings.putLifecyclePolicy(request);
      case "GetLifecyclePolicy":
        return settings.getLifecyclePolicy(request);
      case "DeleteLifecyclePolicy":
        return settings.deleteLifecyclePolicy(request);
      case "SetRepositoryPolicy":
        return settings.setRepositoryPolicy(request);
      case "GetRepositoryPolicy":
        return settings.getRepositoryPolicy(request);
      case "DeleteRepositoryPolicy":
        return settings.deleteRepositoryPolicy(request);
      case "CreateRepositoryCreationTemplate":
        return templates.create(request);
      case "DescribeRepositoryCreationTemplates":
        return templates.describe(request);
      case "UpdateRepositoryCreationTemplate":
        return templates.update(request);
      case "DeleteRepositoryCreationTemplate":
        return templates.delete(request);
      case "GetRegistryScanningConfiguration":
        return scans.getRegistryScanningConfiguration();
      case "PutRegistryScanningConfiguration":
        return scans.putRegistryScanningConfiguration(request);
      case "StartImageScan":
        return scans.startImageScan(request);
      case "DescribeImageScanFindings":
        return scans.describeImageScanFindings(request);
      default:
        throw EcrApiException.badRequest(
            "UnknownOperationException", "Unknown operation " + operation + ".");
    }
  }

  private ObjectNode getAuthorizationToken() {
    LocalEcrState.IssuedPassword issued = state.issuePassword();
    String token =
        Base64.getEncoder()
            .encodeToString(("AWS:" + issued.password()).getBytes(StandardCharsets.UTF_8));
    ObjectNode response = mapper.createObjectNode();
    ObjectNode data = response.putArray("authorizationData").addObject();
    data.put("authorizationToken", token);
    data.put("expiresAt", epochSeconds(issued.expiresAt()));
    data.put("proxyEndpoint", "https://" + registryHost);
    return response;
  }

  private ObjectNode createRepository(JsonNode request) throws EcrApiException {
    String name = repositoryName(request);
    EcrRequests.TagMutability mutability = EcrRequests.tagMutability(request, "MUTABLE");
    boolean scanOnPush = request.path("imageScanningConfiguration").path("scanOnPush").asBoolean();
    EncryptionRequests.Encryption encryption =
        EncryptionRequests.read(request.path("encryptionConfiguration"), false, state.account());
    Map<String, String> tags = EcrRequests.tags(request.path("tags"));
    state.accessFaults().checkKmsKey(encryption.kmsKeyArn());
    LocalEcrState.Repository repository =
        new LocalEcrState.Repository(name, state.now(), mutability.mutability(),
            mutability.exclusionFilters(), scanOnPush, encryption.type(), encryption.kmsKeyArn(),
            tags, null, null);
    if (!state.addRepository(repository)) {
      throw EcrApiException.badRequest(
          "RepositoryAlreadyExistsException",
          "The repository with name '" + name + "' already exists in the registry with id '"
              + state.account().accountId() + "'");
    }
    ObjectNode response = mapper.createObjectNode();
    response.set("repository", repositoryJson(repository));
    return response;
  }

  private ObjectNode describeRepositories(JsonNode request) throws EcrApiException {
    List<LocalEcrState.Repository> found = new ArrayList<>();
    JsonNode names = request.path("repositoryNames");
    if (names.isArray() && names.size() > 0) {
      for (JsonNode name : names) {
        validateRepositoryName(name.asText());
        found.add(existingRepository(name.asText()));
      }
    } else {
      found.addAll(state.repositories());
    }
    ObjectNode response = mapper.createObjectNode();
    ArrayNode repositories = response.putArray("repositories");
    found.forEach(repository -> repositories.add(repositoryJson(repository)));
    return response;
  }

  private ObjectNode describeImages(JsonNode request) throws EcrApiException, IOException {
    String name = repositoryName(request);
    existingRepository(name);
    List<RegistryInventory.Image> images = new ArrayList<>(inventory.images(name, state.pushedDigests(name)));
    images.removeIf(image -> state.isHiddenByLag(name, image.digest()));

    List<RegistryInventory.Image> selected = new ArrayList<>();
    JsonNode imageIds = request.path("imageIds");
    if (imageIds.isArray() && imageIds.size() > 0) {
      for (JsonNode imageId : imageIds) {
        RegistryInventory.Image image = findImage(images, imageId, name);
        if (!selected.contains(image)) {
          selected.add(image);
        }
      }
    } else {
      String tagStatus = request.path("filter").path("tagStatus").asText("ANY");
      for (RegistryInventory.Image image : images) {
        boolean tagged = !image.tags().isEmpty();
        if (tagStatus.equals("ANY") || tagStatus.equals(tagged ? "TAGGED" : "UNTAGGED")) {
          selected.add(image);
        }
      }
    }

    ObjectNode response = mapper.createObjectNode();
    ArrayNode details = response.putArray("imageDetails");
    for (RegistryInventory.Image image : selected) {
      details.add(imageJson(name, image));
    }
    return response;
  }

  private ObjectNode deleteRepository(JsonNode request) throws EcrApiException, IOException {
    String name = repositoryName(request);
    LocalEcrState.Repository repository = existingRepository(name);
    boolean force = request.path("force").asBoolean(false);
    if (!force && !inventory.images(name, state.pushedDigests(name)).isEmpty()) {
      throw EcrApiException.badRequest(
          "RepositoryNotEmptyException",
          "The repository with name '" + name + "' in registry with id '" + state.account().accountId()
              + "' cannot be deleted because it still contains images");
    }
    state.removeRepository(name);
    // Distribution keeps no repository cache with the configuration DistributionProcess writes,
    // so removing the folder removes the repository's tags and manifest links.
    io.github.ecrmaven.testing.TestFiles.deleteRecursively(registryRepositories.resolve(name));
    ObjectNode response = mapper.createObjectNode();
    response.set("repository", repositoryJson(repository));
    return response;
  }

  private RegistryInventory.Image findImage(
      List<RegistryInventory.Image> images, JsonNode imageId, String repository)
      throws EcrApiException {
    String digest = imageId.path("imageDigest").asText(null);
    String tag = imageId.path("imageTag").asText(null);
    if (digest == null && tag == null) {
      throw invalidParameter("Invalid parameter at 'imageIds': an image ID needs an imageDigest "
          + "or an imageTag");
    }
    for (RegistryInventory.Image image : images) {
      boolean digestMatches = digest == null || digest.equals(image.digest());
      boolean tagMatches = tag == null || image.tags().contains(tag);
      if (digestMatches && tagMatches) {
        return image;
      }
    }
    throw EcrApiException.badRequest(
        "ImageNotFoundException",
        "The image with imageId {imageDigest:'" + digest + "', imageTag:'" + tag
            + "'} does not exist within the repository with name '" + repository
            + "' in the registry with id '" + state.account().accountId() + "'");
  }

  private ObjectNode repositoryJson(LocalEcrState.Repository repository) {
    ObjectNode json = mapper.createObjectNode();
    json.put("repositoryArn", state.account().repositoryArn(repository.name()));
    json.put("registryId", state.account().accountId());
    json.put("repositoryName", repository.name());
    json.put("repositoryUri", registryHost + "/" + repository.name());
    json.put("createdAt", epochSeconds(repository.createdAt()));
    EcrRequests.putTagMutability(json, repository.imageTagMutability(),
        repository.imageTagMutabilityExclusionFilters());
    json.putObject("imageScanningConfiguration").put("scanOnPush", repository.scanOnPush());
    ObjectNode encryption = json.putObject("encryptionConfiguration");
    encryption.put("encryptionType", repository.encryptionType());
    if (repository.kmsKey() != null) {
      encryption.put("kmsKey", repository.kmsKey());
    }
    return json;
  }

  private ObjectNode imageJson(String repository, RegistryInventory.Image image) {
    ObjectNode json = mapper.createObjectNode();
    json.put("registryId", state.account().accountId());
    json.put("repositoryName", repository);
    json.put("imageDigest", image.digest());
    if (!image.tags().isEmpty()) {
      ArrayNode tags = json.putArray("imageTags");
      image.tags().forEach(tags::add);
    }
    json.put("imageSizeInBytes", image.sizeInBytes());
    Instant pushedAt = state.manifestPushTime(repository, image.digest()).orElse(state.startedAt());
    json.put("imagePushedAt", epochSeconds(pushedAt));
    json.put("imageManifestMediaType", image.manifestMediaType());
    if (image.artifactMediaType() != null) {
      json.put("artifactMediaType", image.artifactMediaType());
    }
    return json;
  }

  private LocalEcrState.Repository existingRepository(String name) throws EcrApiException {
    return state
        .repository(name)
        .orElseThrow(
            () ->
                EcrApiException.badRequest(
                    "RepositoryNotFoundException",
                    repositoryNotFoundMessage(state.account().accountId(), name)));
  }

  /** Returns ECR's message for a missing repository in the default account's registry. */
  static String repositoryNotFoundMessage(String name) {
    return repositoryNotFoundMessage(LocalEcrAccount.DEFAULT.accountId(), name);
  }

  static String repositoryNotFoundMessage(String accountId, String name) {
    return "The repository with name '" + name + "' does not exist in the registry with id '"
        + accountId + "'";
  }

  private static String repositoryName(JsonNode request) throws EcrApiException {
    return EcrRequests.repositoryName(request);
  }

  private static void validateRepositoryName(String name) throws EcrApiException {
    EcrRequests.validateRepositoryName(name);
  }

  /** Returns a repository's ARN in the default account's registry. */
  static String repositoryArn(String name) {
    return LocalEcrAccount.DEFAULT.repositoryArn(name);
  }

  private static EcrApiException invalidParameter(String message) {
    return EcrRequests.invalidParameter(message);
  }

  private static double epochSeconds(Instant instant) {
    return EcrRequests.epochSeconds(instant);
  }
}
