package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.cloud.tools.jib.image.json.ImageMetadataTemplate;
import com.google.cloud.tools.jib.image.json.ManifestAndConfigTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Jib's base image cache: the manifests, configurations and layers of pulled base images, which every
 * project of the machine shares, and which an offline build takes its base image from.
 */
public final class BaseImageCache {
  /**
   * Jib's default location, {@code google-cloud-tools-java/jib} below the user's cache directory
   * ({@code $XDG_CACHE_HOME}, else {@code ~/.cache} on Linux).
   */
  public static final Path DEFAULT_DIRECTORY = Containerizer.DEFAULT_BASE_CACHE_DIRECTORY;

  private BaseImageCache() {}

  /**
   * Returns whether the cache in {@code directory} contains the manifest, the configuration and every
   * layer of the base image that {@code reference} names, as a pull with that reference stored them.
   *
   * <p>NOTE: this reads Jib's cache through {@code com.google.cloud.tools.jib.cache}, which is not part
   * of Jib Core's stable API. Jib's own offline check still runs when the image is built.
   *
   * @throws ImageBuildException when the reference is invalid, or the cache cannot be read
   */
  public static boolean contains(Path directory, String reference) throws ImageBuildException {
    try {
      Optional<ImageMetadataTemplate> metadata =
          Cache.withDirectory(directory).retrieveMetadata(ImageReference.parse(reference));
      if (metadata.isEmpty() || metadata.get().getManifestsAndConfigs().isEmpty()) {
        return false;
      }
      Cache cache = Cache.withDirectory(directory);
      for (ManifestAndConfigTemplate manifest : metadata.get().getManifestsAndConfigs()) {
        if (manifest.getManifest() == null || !cache.areAllLayersCached(manifest.getManifest())) {
          return false;
        }
      }
      return true;
    } catch (InvalidImageReferenceException e) {
      throw new ImageBuildException("Invalid image reference '" + reference + "'", e);
    } catch (IOException | CacheDirectoryCreationException | CacheCorruptedException e) {
      throw new ImageBuildException("Failed to read the base image cache " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the message for an offline build whose base image is not in the cache, with the two ways
   * out.
   */
  public static String notCachedMessage(String reference, Path directory) {
    return "The base image " + reference + " from <from><image> (ecr.from.image) is not in the base image cache "
        + directory + ", and offline mode (-o) fetches nothing. Run ecr:build once without -o to cache it (with"
        + " the same <baseImageCache>), or set <from><image> to an image that is already in the cache.";
  }
}
