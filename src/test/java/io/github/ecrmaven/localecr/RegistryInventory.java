package io.github.ecrmaven.localecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the images a repository contains from the Distribution registry behind the front, so that
 * {@code DescribeImages} reports exactly what was pushed.
 */
final class RegistryInventory {

  /** One manifest in a repository, with every tag that points to it. */
  record Image(
      String digest,
      List<String> tags,
      long sizeInBytes,
      String manifestMediaType,
      String artifactMediaType) {}

  private static final String MANIFEST_TYPES =
      String.join(
          ", ",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  private final URI registry;
  private final ObjectMapper mapper;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  RegistryInventory(URI registry, ObjectMapper mapper) {
    this.registry = registry;
    this.mapper = mapper;
  }

  /**
   * Lists the repository's images: every tagged manifest, plus the {@code untaggedDigests} that
   * the registry still holds. An empty or never pushed repository has no images.
   */
  List<Image> images(String repository, Collection<String> untaggedDigests) throws IOException {
    Map<String, List<String>> tagsByDigest = new LinkedHashMap<>();
    Map<String, Manifest> manifests = new LinkedHashMap<>();
    for (String tag : tags(repository)) {
      Optional<Manifest> manifest;
      try {
        manifest = manifest(repository, tag);
      } catch (IOException e) {
        // Distribution returns 500 for a tag that a concurrent push is writing at this moment. The tag
        // is listed once the write completes, as on ECR.
        continue;
      }
      if (manifest.isPresent()) {
        manifests.putIfAbsent(manifest.get().digest(), manifest.get());
        tagsByDigest.computeIfAbsent(manifest.get().digest(), key -> new ArrayList<>()).add(tag);
      }
    }
    for (String digest : untaggedDigests) {
      if (!manifests.containsKey(digest)) {
        manifest(repository, digest).ifPresent(manifest -> manifests.put(digest, manifest));
      }
    }

    List<Image> images = new ArrayList<>();
    for (Manifest manifest : manifests.values()) {
      images.add(
          new Image(
              manifest.digest(),
              tagsByDigest.getOrDefault(manifest.digest(), List.of()),
              size(repository, manifest),
              manifest.mediaType(),
              manifest.artifactMediaType()));
    }
    return images;
  }

  /** A manifest exactly as the registry stores it, for {@code BatchGetImage}. */
  record StoredManifest(String digest, String mediaType, byte[] content) {}

  /** The registry's response to a manifest upload. */
  record ManifestUpload(int status, String body) {}

  /** Reads the manifest that a tag or digest names, or empty if the repository has none. */
  Optional<StoredManifest> storedManifest(String repository, String reference) throws IOException {
    HttpResponse<byte[]> response =
        get("/v2/" + repository + "/manifests/" + reference, MANIFEST_TYPES);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    requireOk(response, "read manifest " + reference + " of " + repository);
    String digest = response.headers().firstValue("Docker-Content-Digest").orElse(reference);
    String mediaType = response.headers().firstValue("Content-Type").orElse("");
    return Optional.of(new StoredManifest(digest, mediaType, response.body()));
  }

  /**
   * Uploads a manifest under a tag or its digest. Distribution returns 201 when it stored the
   * manifest, and 400 when a blob it refers to is missing from the repository.
   */
  ManifestUpload putManifest(String repository, String reference, String mediaType, byte[] content)
      throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(registry.resolve("/v2/" + repository + "/manifests/" + reference))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", mediaType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new ManifestUpload(response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while uploading manifest " + reference + " of " + repository, e);
    }
  }

  private record Manifest(String digest, String mediaType, JsonNode content) {
    boolean isIndex() {
      return content.has("manifests");
    }

    String artifactMediaType() {
      return isIndex() ? null : content.path("config").path("mediaType").asText(null);
    }
  }

  private List<String> tags(String repository) throws IOException {
    HttpResponse<byte[]> response = get("/v2/" + repository + "/tags/list", null);
    if (response.statusCode() == 404) {
      return List.of();
    }
    requireOk(response, "list the tags of " + repository);
    List<String> tags = new ArrayList<>();
    mapper.readTree(response.body()).path("tags").forEach(tag -> tags.add(tag.asText()));
    return tags;
  }

  private Optional<Manifest> manifest(String repository, String reference) throws IOException {
    HttpResponse<byte[]> response =
        get("/v2/" + repository + "/manifests/" + reference, MANIFEST_TYPES);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    requireOk(response, "read manifest " + reference + " of " + repository);
    JsonNode content = mapper.readTree(response.body());
    String digest = response.headers().firstValue("Docker-Content-Digest").orElse(reference);
    String mediaType =
        content.path("mediaType").asText(response.headers().firstValue("Content-Type").orElse(""));
    return Optional.of(new Manifest(digest, mediaType, content));
  }

  /**
   * Returns the compressed size of the image's layers. For an index it is the largest size of its
   * manifests, as ECR documents for manifest lists.
   */
  private long size(String repository, Manifest manifest) throws IOException {
    if (!manifest.isIndex()) {
      long size = 0;
      for (JsonNode layer : manifest.content().path("layers")) {
        size += layer.path("size").asLong();
      }
      return size;
    }
    long largest = 0;
    for (JsonNode child : manifest.content().path("manifests")) {
      Optional<Manifest> childManifest = manifest(repository, child.path("digest").asText());
      if (childManifest.isPresent() && !childManifest.get().isIndex()) {
        largest = Math.max(largest, size(repository, childManifest.get()));
      }
    }
    return largest;
  }

  private HttpResponse<byte[]> get(String path, String accept) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(registry.resolve(path)).timeout(Duration.ofSeconds(30));
    if (accept != null) {
      request.header("Accept", accept);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while reading " + path + " from the registry", e);
    }
  }

  private static void requireOk(HttpResponse<byte[]> response, String action) throws IOException {
    if (response.statusCode() != 200) {
      throw new IOException(
          "Failed to "
              + action
              + ": the registry returned HTTP "
              + response.statusCode()
              + " "
              + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
