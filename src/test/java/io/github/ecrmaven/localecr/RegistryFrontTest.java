package io.github.ecrmaven.localecr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry front's checks and forwarding, through plain HTTPS requests. */
class RegistryFrontTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static LocalEcr ecr;
  private static String authorization;

  @BeforeAll
  static void issuePassword() {
    ecr = SharedLocalEcr.get();
    authorization = basic(ecr.issueRegistryPassword());
  }

  @Test
  void requestWithoutCredentialsIsChallenged() throws Exception {
    HttpResponse<String> response = send(request("/v2/").GET());

    assertEquals(401, response.statusCode());
    assertEquals(
        "Basic realm=\"https://" + ecr.registryHost() + "/\",service=\"ecr.amazonaws.com\"",
        response.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals("UNAUTHORIZED", errorCode(response));
  }

  @Test
  void unissuedPasswordIsChallenged() throws Exception {
    HttpResponse<String> response =
        send(request("/v2/").header("Authorization", basic("guessed")).GET());

    assertEquals(401, response.statusCode());
  }

  @Test
  void expiredPasswordIsChallenged(@TempDir Path work) throws Exception {
    LocalEcr.Options options =
        new LocalEcr.Options(work, SharedLocalEcr.CERTIFICATE_DIRECTORY.toAbsolutePath())
            .tokenLifetime(Duration.ofMillis(1));
    try (LocalEcr shortLived = LocalEcr.start(options)) {
      String expired = basic(shortLived.issueRegistryPassword());
      Thread.sleep(5);

      HttpResponse<String> response = HTTP.send(
          HttpRequest.newBuilder(URI.create("https://" + shortLived.registryHost() + "/v2/"))
              .header("Authorization", expired).GET().build(),
          BodyHandlers.ofString());

      assertEquals(401, response.statusCode());
      assertTrue(response.body().contains("expired"), response.body());
    }
  }

  @Test
  void issuedPasswordIsAccepted() throws Exception {
    HttpResponse<String> response = send(authorized("/v2/").GET());

    assertEquals(200, response.statusCode());
  }

  @Test
  void unknownRepositoryIsNameUnknown() throws Exception {
    HttpResponse<String> response = send(authorized("/v2/front/unknown/tags/list").GET());

    assertEquals(404, response.statusCode());
    assertEquals(
        "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"The repository with name "
            + "'front/unknown' does not exist in the registry with id '123456789012'\"}]}",
        response.body());
  }

  @Test
  void mountFromUnknownRepositoryIsNameUnknown() throws Exception {
    ecr.createRepository("front/mount-target");

    HttpResponse<String> response = send(authorized(
        "/v2/front/mount-target/blobs/uploads/?mount=sha256:" + "0".repeat(64)
            + "&from=front/mount-missing").POST(BodyPublishers.noBody()));

    assertEquals(404, response.statusCode());
    assertTrue(response.body().contains("'front/mount-missing'"), response.body());
  }

  @Test
  void deniedActionIsDenied() throws Exception {
    ecr.createRepository("front/denied-list");
    ecr.denyAction("ListImages", "front/denied-list");

    HttpResponse<String> response = send(authorized("/v2/front/denied-list/tags/list").GET());

    assertEquals(403, response.statusCode());
    assertEquals("DENIED", errorCode(response));
    assertEquals("User: arn:aws:iam::123456789012:user/local-ecr-test is not authorized to "
            + "perform: ecr:ListImages on resource: "
            + "arn:aws:ecr:eu-west-1:123456789012:repository/front/denied-list because no "
            + "identity-based policy allows the ecr:ListImages action",
        MAPPER.readTree(response.body()).path("errors").path(0).path("message").asText());
  }

  @Test
  void monolithicUploadIsStoredAndServed() throws Exception {
    ecr.createRepository("front/monolithic");
    byte[] blob = randomBytes(3 * 1024 * 1024);
    String digest = sha256(blob);

    HttpResponse<String> start =
        send(authorized("/v2/front/monolithic/blobs/uploads/").POST(BodyPublishers.noBody()));
    String location = start.headers().firstValue("Location").orElseThrow();
    String separator = location.contains("?") ? "&" : "?";
    HttpResponse<String> upload = send(authorized(location + separator + "digest=" + digest)
        .PUT(BodyPublishers.ofByteArray(blob)));
    HttpResponse<String> head =
        send(authorized("/v2/front/monolithic/blobs/" + digest).method("HEAD",
            BodyPublishers.noBody()));
    long sentBefore = ecr.registryBytesSent();
    HttpResponse<byte[]> get = HTTP.send(
        authorized("/v2/front/monolithic/blobs/" + digest).GET().build(),
        BodyHandlers.ofByteArray());
    long sent = ecr.registryBytesSent() - sentBefore;

    assertEquals(201, upload.statusCode(), upload.body());
    assertEquals(200, head.statusCode());
    assertEquals(String.valueOf(blob.length), head.headers().firstValue("Content-Length")
        .orElse(""));
    assertEquals(digest, head.headers().firstValue("Docker-Content-Digest").orElse(""));
    assertArrayEquals(blob, get.body());
    assertTrue(sent >= blob.length, "bytes sent for the blob GET: " + sent);
  }

  @Test
  void chunkedUploadIsStored() throws Exception {
    ecr.createRepository("front/chunked");
    byte[] blob = randomBytes(5 * 1024 * 1024);
    String digest = sha256(blob);

    HttpResponse<String> start =
        send(authorized("/v2/front/chunked/blobs/uploads/").POST(BodyPublishers.noBody()));
    String location = start.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> patch = send(authorized(location).method("PATCH",
        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(blob))));
    String next = patch.headers().firstValue("Location").orElseThrow();
    String separator = next.contains("?") ? "&" : "?";
    HttpResponse<String> put = send(authorized(next + separator + "digest=" + digest)
        .PUT(BodyPublishers.noBody()));

    assertEquals(202, start.statusCode(), start.body());
    assertTrue(location.startsWith("/v2/front/chunked/blobs/uploads/"), location);
    assertEquals(202, patch.statusCode(), patch.body());
    assertEquals("0-" + (blob.length - 1), patch.headers().firstValue("Range").orElse(""));
    assertEquals(201, put.statusCode(), put.body());
    assertTrue(ecr.registryBytesReceived() >= blob.length);
  }

  private static HttpRequest.Builder request(String pathOrLocation) {
    URI base = URI.create("https://" + ecr.registryHost() + "/");
    return HttpRequest.newBuilder(base.resolve(pathOrLocation)).timeout(Duration.ofSeconds(30));
  }

  private static HttpRequest.Builder authorized(String pathOrLocation) {
    return request(pathOrLocation).header("Authorization", authorization);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }

  private static String errorCode(HttpResponse<String> response) throws Exception {
    JsonNode body = MAPPER.readTree(response.body());
    return body.path("errors").path(0).path("code").asText();
  }

  private static String basic(String password) {
    return "Basic " + Base64.getEncoder()
        .encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] content) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
