package io.github.ecrmaven.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ecrmaven.localecr.LocalEcr;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes a two-platform base image index in a local ECR from its single-platform Java base image: the
 * linux/amd64 image as it is, and a linux/arm64 image with the same layers and a configuration that
 * names arm64. Only the amd64 image runs here; the arm64 one exists to be selected and pushed.
 */
public final class MultiPlatformBaseImage {
  private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  private static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MultiPlatformBaseImage() {}

  /**
   * Pushes the index under {@code repository:indexTag}, from the image {@code repository:tag}, and returns
   * the index's reference on the registry.
   */
  public static String create(LocalEcr ecr, String repository, String tag, String indexTag)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String authorization = "Basic " + Base64.getEncoder().encodeToString(
        ("AWS:" + ecr.issueRegistryPassword()).getBytes(StandardCharsets.UTF_8));
    URI base = URI.create("https://" + ecr.registryHost() + "/v2/" + repository + "/");

    byte[] amd64Manifest = send(client, HttpRequest.newBuilder(base.resolve("manifests/" + tag))
        .header("Accept", DOCKER_MANIFEST).header("Authorization", authorization).GET().build(), 200);
    ObjectNode manifest = (ObjectNode) JSON.readTree(amd64Manifest);
    String configDigest = manifest.path("config").path("digest").asText();
    ObjectNode config = (ObjectNode) JSON.readTree(send(client, HttpRequest.newBuilder(base.resolve("blobs/"
        + configDigest)).header("Authorization", authorization).GET().build(), 200));

    config.put("architecture", "arm64");
    byte[] arm64Config = JSON.writeValueAsBytes(config);
    uploadBlob(client, base, authorization, arm64Config);
    ObjectNode arm64 = manifest.deepCopy();
    ((ObjectNode) arm64.path("config")).put("digest", digest(arm64Config)).put("size", arm64Config.length);
    byte[] arm64Manifest = JSON.writeValueAsBytes(arm64);
    send(client, HttpRequest.newBuilder(base.resolve("manifests/" + digest(arm64Manifest)))
        .header("Content-Type", DOCKER_MANIFEST).header("Authorization", authorization)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(arm64Manifest)).build(), 201);

    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", DOCKER_MANIFEST_LIST);
    ArrayNode manifests = index.putArray("manifests");
    addEntry(manifests, amd64Manifest, "amd64");
    addEntry(manifests, arm64Manifest, "arm64");
    send(client, HttpRequest.newBuilder(base.resolve("manifests/" + indexTag))
        .header("Content-Type", DOCKER_MANIFEST_LIST).header("Authorization", authorization)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(index))).build(), 201);
    return ecr.registryHost() + "/" + repository + ":" + indexTag;
  }

  private static void addEntry(ArrayNode manifests, byte[] manifest, String architecture) {
    ObjectNode entry = manifests.addObject();
    entry.put("mediaType", DOCKER_MANIFEST);
    entry.put("size", manifest.length);
    entry.put("digest", digest(manifest));
    entry.putObject("platform").put("architecture", architecture).put("os", "linux");
  }

  private static void uploadBlob(HttpClient client, URI base, String authorization, byte[] content)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> started = client.send(HttpRequest.newBuilder(base.resolve("blobs/uploads/"))
        .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (started.statusCode() != 202) {
      throw new IOException("Starting a blob upload returned HTTP " + started.statusCode());
    }
    URI location = base.resolve(started.headers().firstValue("Location").orElseThrow());
    String separator = location.getRawQuery() == null ? "?" : "&";
    send(client, HttpRequest.newBuilder(URI.create(location + separator + "digest=" + digest(content)))
        .header("Content-Type", "application/octet-stream").header("Authorization", authorization)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), 201);
  }

  private static byte[] send(HttpClient client, HttpRequest request, int expectedStatus)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != expectedStatus) {
      throw new IOException(request.method() + " " + request.uri() + " returned HTTP " + response.statusCode() + ": "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
    return response.body();
  }

  private static String digest(byte[] content) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
