package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.blob.BlobDescriptor;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.ecrmaven.BuildLog;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Mounts the base image's layers into a new target repository of the same registry before Jib
 * builds, so that Jib finds them there and does not download them. Jib Core 0.28.1 checks only
 * whether the target repository has a base layer. When it does not, Jib downloads the layer into its
 * cache first and mounts it only when it pushes. So without this step, a cold push to a new
 * repository downloads the whole base image for nothing.
 *
 * <p>A mount the registry refuses is harmless: the layer then stays missing and Jib downloads and
 * pushes it as before. This class uses Jib Core's registry client, which is not part of Jib's
 * stable API.
 */
public final class BaseLayerMounts {
  private static final String USER_AGENT = "ecr-maven-plugin";

  private final BuildLog log;

  public BaseLayerMounts(BuildLog log) {
    this.log = log;
  }

  /**
   * Mounts every layer of {@code baseRepository:baseQualifier} that {@code targetRepository} lacks.
   *
   * @param registry the registry's {@code host[:port]}, as Jib reaches it
   * @return the number of layers mounted; 0 when the base image is an image index or anything fails,
   *     because Jib then works as without this step
   */
  public int mount(String registry, String baseRepository, String baseQualifier, String targetRepository,
      String username, String password) {
    FailoverHttpClient http = new FailoverHttpClient(false, false, this::logJibEvent);
    Credential credential = Credential.from(username, password);
    try {
      ManifestTemplate manifest = client(http, registry, baseRepository, credential).pullManifest(baseQualifier)
          .getManifest();
      if (!(manifest instanceof BuildableManifestTemplate image)) {
        // NOTE: the layers of a multi-platform base image are not mounted ahead, so Jib downloads them.
        log.debug("Base image " + baseRepository + ":" + baseQualifier + " is an image index; not mounting its layers");
        return 0;
      }
      RegistryClient target = client(http, registry, targetRepository, credential);
      int mounted = 0;
      for (BuildableManifestTemplate.ContentDescriptorTemplate layer : image.getLayers()) {
        if (mountLayer(target, layer.getDigest(), baseRepository)) {
          mounted++;
        }
      }
      return mounted;
    } catch (IOException | RegistryException | RuntimeException e) {
      log.debug("Mounting the base image layers ahead failed, so Jib downloads them: " + e);
      return 0;
    } finally {
      try {
        http.shutDown();
      } catch (IOException e) {
        log.debug("Failed to close the registry connections used for mounting: " + e);
      }
    }
  }

  private boolean mountLayer(RegistryClient target, DescriptorDigest digest, String baseRepository)
      throws RegistryException {
    try {
      if (target.checkBlob(digest).isPresent()) {
        return false;
      }
      return target.pushBlob(digest, new UploadRefusingBlob(), baseRepository, written -> {});
    } catch (IOException e) {
      // UploadRefusingBlob ends an upload that the registry asked for because it did not mount the layer.
      log.debug("The registry did not mount base layer " + digest + ": " + e.getMessage());
      return false;
    }
  }

  private static RegistryClient client(FailoverHttpClient http, String registry, String repository,
      Credential credential) {
    RegistryClient client = RegistryClient.factory(EventHandlers.NONE, registry, repository, http)
        .setCredential(credential)
        .setUserAgent(USER_AGENT)
        .newRegistryClient();
    client.configureBasicAuth();
    return client;
  }

  private void logJibEvent(LogEvent event) {
    log.debug(event.getMessage());
  }

  /** A blob whose upload is refused, so that a layer is mounted or left to Jib, never uploaded here. */
  private static final class UploadRefusingBlob implements Blob {
    @Override
    public BlobDescriptor writeTo(OutputStream out) throws IOException {
      throw new IOException("not uploading here: the layer was not mounted");
    }

    @Override
    public boolean isRetryable() {
      return false;
    }
  }
}
