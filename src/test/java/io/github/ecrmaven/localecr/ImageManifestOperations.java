package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code BatchGetImage} and {@code PutImage}: the ECR API's manifest calls, which read and write
 * manifests in the Distribution registry directly and follow the repository's tag immutability as
 * the registry front does for pushes.
 */
final class ImageManifestOperations {

  private static final int MAX_IMAGE_IDS = 100;

  private final LocalEcrState state;
  private final RegistryInventory inventory;
  private final ObjectMapper mapper;

  ImageManifestOperations(LocalEcrState state, RegistryInventory inventory, ObjectMapper mapper) {
    this.state = state;
    this.inventory = inventory;
    this.mapper = mapper;
  }

  /**
   * Returns the manifest of each requested image. An image that cannot be returned is listed under
   * {@code failures} with ECR's failure code, so one missing tag does not fail the whole call.
   */
  ObjectNode batchGetImage(JsonNode request) throws EcrApiException, IOException {
    String repository = existingRepository(request);
    JsonNode imageIds = request.path("imageIds");
    if (!imageIds.isArray() || imageIds.isEmpty() || imageIds.size() > MAX_IMAGE_IDS) {
      throw EcrRequests.invalidParameter("Invalid parameter at 'imageIds' failed to satisfy constraint: "
          + "'Member must have length between 1 and " + MAX_IMAGE_IDS + "'");
    }

    ObjectNode response = mapper.createObjectNode();
    ArrayNode images = response.putArray("images");
    ArrayNode failures = response.putArray("failures");
    for (JsonNode imageId : imageIds) {
      String digest = imageId.path("imageDigest").asText(null);
      String tag = imageId.path("imageTag").asText(null);
      if (digest == null && tag == null) {
        addFailure(failures, imageId, "MissingDigestAndTag", "Requested image not found");
        continue;
      }
      Optional<RegistryInventory.StoredManifest> manifest =
          tag != null && state.hasStaleManifestReads(repository)
              ? Optional.empty()
              : inventory.storedManifest(repository, tag != null ? tag : digest);
      if (manifest.isEmpty()) {
        addFailure(failures, imageId, "ImageNotFound", "Requested image not found");
      } else if (digest != null && !digest.equals(manifest.get().digest())) {
        addFailure(failures, imageId, "ImageTagDoesNotMatchDigest", "Requested image not found");
      } else {
        images.add(imageJson(repository, manifest.get(), tag));
      }
    }
    return response;
  }

  /**
   * Stores a manifest whose blobs the repository already holds, under a tag or only by digest.
   * Returns {@code ImageAlreadyExistsException} when the tag (or, without a tag, the digest)
   * already names this manifest, and {@code ImageTagAlreadyExistsException} when an immutable tag
   * names another one.
   */
  ObjectNode putImage(JsonNode request) throws EcrApiException, IOException {
    String repository = existingRepository(request);
    String manifestText = request.path("imageManifest").asText("");
    if (manifestText.isEmpty()) {
      throw EcrRequests.invalidParameter("Invalid parameter at 'imageManifest' failed to satisfy constraint: "
          + "'Member must have length greater than or equal to 1'");
    }
    byte[] manifest = manifestText.getBytes(StandardCharsets.UTF_8);
    String digest = RegistryFront.sha256Digest(manifest);
    String requestedDigest = request.path("imageDigest").asText(null);
    if (requestedDigest != null && !requestedDigest.equals(digest)) {
      throw EcrApiException.badRequest("ImageDigestDoesNotMatchException",
          "The specified digest '" + requestedDigest + "' does not match the digest '" + digest
              + "' of the image manifest.");
    }
    String mediaType = request.path("imageManifestMediaType").asText(
        mapper.readTree(manifest).path("mediaType").asText("application/vnd.docker.distribution.manifest.v2+json"));
    String tag = request.path("imageTag").asText(null);

    Optional<RegistryInventory.StoredManifest> existing =
        inventory.storedManifest(repository, tag != null ? tag : digest);
    if (existing.isPresent() && existing.get().digest().equals(digest)) {
      throw EcrApiException.badRequest("ImageAlreadyExistsException",
          "Image with digest '" + digest + "' and tag '" + tag + "' already exists in the repository with name '"
              + repository + "' in registry with id '" + state.account().accountId() + "'");
    }
    LocalEcrState.Repository settings = state.repository(repository).orElseThrow();
    if (existing.isPresent() && tag != null && TagImmutability.isImmutable(settings, tag)) {
      throw EcrApiException.badRequest("ImageTagAlreadyExistsException",
          "The image tag '" + tag + "' already exists in the '" + repository
              + "' repository and cannot be overwritten because the tag is immutable.");
    }

    RegistryInventory.ManifestUpload upload =
        inventory.putManifest(repository, tag != null ? tag : digest, mediaType, manifest);
    if (upload.status() == 400) {
      throw EcrApiException.badRequest("LayersNotFoundException",
          "The image manifest refers to layers that repository '" + repository + "' does not contain: "
              + upload.body().strip());
    }
    if (upload.status() != 201) {
      throw new EcrApiException(500, "ServerException",
          "The registry answered HTTP " + upload.status() + " to the manifest upload.");
    }
    state.recordManifestPush(repository, digest);

    ObjectNode response = mapper.createObjectNode();
    response.set("image", imageJson(repository,
        new RegistryInventory.StoredManifest(digest, mediaType, manifest), tag));
    return response;
  }

  private String existingRepository(JsonNode request) throws EcrApiException {
    String name = EcrRequests.repositoryName(request);
    if (state.repository(name).isEmpty()) {
      throw EcrApiException.badRequest(
          "RepositoryNotFoundException", EcrOperations.repositoryNotFoundMessage(state.account().accountId(), name));
    }
    return name;
  }

  private ObjectNode imageJson(String repository, RegistryInventory.StoredManifest manifest, String tag) {
    ObjectNode json = mapper.createObjectNode();
    json.put("registryId", state.account().accountId());
    json.put("repositoryName", repository);
    ObjectNode imageId = json.putObject("imageId");
    imageId.put("imageDigest", manifest.digest());
    if (tag != null) {
      imageId.put("imageTag", tag);
    }
    json.put("imageManifest", new String(manifest.content(), StandardCharsets.UTF_8));
    json.put("imageManifestMediaType", manifest.mediaType());
    return json;
  }

  private static void addFailure(ArrayNode failures, JsonNode imageId, String code, String reason) {
    ObjectNode failure = failures.addObject();
    failure.set("imageId", imageId.deepCopy());
    failure.put("failureCode", code);
    failure.put("failureReason", reason);
  }
}
