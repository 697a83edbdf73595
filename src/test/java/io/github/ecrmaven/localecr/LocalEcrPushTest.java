package io.github.ecrmaven.localecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.RegistryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** Pushes with real Jib Core to the local ECR's registry and reads the result through the SDK. */
class LocalEcrPushTest {

  private static LocalEcr ecr;
  private static EcrClient client;

  @TempDir Path temp;

  @BeforeAll
  static void startClient() {
    ecr = SharedLocalEcr.get();
    client = LocalEcrClients.client(ecr);
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @Test
  void pushToCreatedRepositoryIsDescribed() throws Exception {
    client.createRepository(request -> request.repositoryName("push/created"));

    JibContainer container = push("push/created:1.0", password(), smallLayer());
    String digest = container.getDigest().toString();
    ImageDetail image =
        client.describeImages(request -> request.repositoryName("push/created"))
            .imageDetails().get(0);
    ImageDetail byTag =
        client.describeImages(request -> request.repositoryName("push/created")
            .imageIds(id -> id.imageTag("1.0"))).imageDetails().get(0);

    assertEquals(digest, image.imageDigest());
    assertEquals(List.of("1.0"), image.imageTags());
    assertEquals("123456789012", image.registryId());
    assertTrue(image.imageSizeInBytes() > 0, "size " + image.imageSizeInBytes());
    assertTrue(image.imagePushedAt() != null);
    assertTrue(image.imageManifestMediaType().startsWith("application/vnd."),
        image.imageManifestMediaType());
    assertEquals(digest, byTag.imageDigest());
  }

  @Test
  void immutableTagCannotBeOverwritten() throws Exception {
    client.createRepository(request -> request.repositoryName("push/immutable")
        .imageTagMutability(ImageTagMutability.IMMUTABLE));
    Path first = temp.resolve("first.txt");
    Path second = temp.resolve("second.txt");
    Files.writeString(first, "first", StandardCharsets.UTF_8);
    Files.writeString(second, "second", StandardCharsets.UTF_8);
    String firstDigest = push("push/immutable:1.0", password(), first).getDigest().toString();

    // The front returns 400 TAG_INVALID, which Jib 0.28.1 reports as a manifest format problem.
    RegistryException error =
        assertThrows(RegistryException.class, () -> push("push/immutable:1.0", password(),
            second));
    ImageDetail tagged =
        client.describeImages(request -> request.repositoryName("push/immutable")
            .imageIds(id -> id.imageTag("1.0"))).imageDetails().get(0);

    assertTrue(error.getMessage().contains("Tried to push image manifest"), error.getMessage());
    assertEquals(firstDigest, tagged.imageDigest());
  }

  @Test
  void deleteRepositoryNeedsForceWhenNotEmpty() throws Exception {
    client.createRepository(request -> request.repositoryName("push/delete"));
    push("push/delete:1.0", password(), smallLayer());

    assertThrows(RepositoryNotEmptyException.class,
        () -> client.deleteRepository(request -> request.repositoryName("push/delete")));
    client.deleteRepository(request -> request.repositoryName("push/delete").force(true));

    assertThrows(RepositoryNotFoundException.class,
        () -> client.describeImages(request -> request.repositoryName("push/delete")));
  }

  @Test
  void describeImagesRejectsMissingTag() {
    client.createRepository(request -> request.repositoryName("push/empty"));

    assertThrows(ImageNotFoundException.class,
        () -> client.describeImages(request -> request.repositoryName("push/empty")
            .imageIds(id -> id.imageTag("none"))));
  }

  @Test
  void pushToUnknownRepositoryFails() throws Exception {
    Path layer = smallLayer();

    RegistryException error =
        assertThrows(RegistryException.class, () -> push("push/never-created:1.0",
            password(), layer));

    assertTrue(
        error.getMessage().contains("The repository with name 'push/never-created' does not "
            + "exist in the registry with id '123456789012'"),
        error.getMessage());
  }

  @Test
  void pushWithWrongPasswordFails() throws Exception {
    client.createRepository(request -> request.repositoryName("push/wrong-password"));
    Path layer = smallLayer();

    assertThrows(RegistryUnauthorizedException.class, () -> push("push/wrong-password:1.0",
        "not-an-issued-password", layer));
  }

  @Test
  void largeLayerIsStreamedAndCounted() throws Exception {
    client.createRepository(request -> request.repositoryName("push/large"));
    Path layer = temp.resolve("large.bin");
    byte[] random = new byte[24 * 1024 * 1024];
    new Random(42).nextBytes(random);
    Files.write(layer, random);
    long before = ecr.registryBytesReceived();

    push("push/large:big", password(), layer);

    long received = ecr.registryBytesReceived() - before;
    assertTrue(received > random.length, "received " + received + " bytes");
  }

  private JibContainer push(String repositoryAndTag, String password, Path layer)
      throws Exception {
    return Jib.fromScratch()
        .addLayer(List.of(layer), AbsoluteUnixPath.get("/app"))
        .containerize(
            Containerizer.to(
                    RegistryImage.named(ecr.registryHost() + "/" + repositoryAndTag)
                        .addCredential("AWS", password))
                .setBaseImageLayersCache(temp.resolve("base-cache"))
                .setApplicationLayersCache(temp.resolve("application-cache"))
                .setToolName("local-ecr-test"));
  }

  private String password() {
    return ecr.issueRegistryPassword();
  }

  private Path smallLayer() throws Exception {
    Path file = temp.resolve("hello.txt");
    Files.writeString(file, "hello from " + temp, StandardCharsets.UTF_8);
    return file;
  }
}
