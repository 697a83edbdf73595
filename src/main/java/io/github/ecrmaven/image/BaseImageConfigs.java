package io.github.ecrmaven.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ContainerConfigurationTemplate;
import com.google.cloud.tools.jib.image.json.ImageMetadataTemplate;
import com.google.cloud.tools.jib.image.json.ManifestAndConfigTemplate;
import com.google.cloud.tools.jib.image.json.ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.PluginVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the start command of a base image's configuration before the build: from its registry through
 * Jib Core's registry client, or from Jib's base image cache, where an offline build finds it. Jib reads
 * the same manifests and configurations again when it builds, so a registry read repeats those requests:
 * the manifest, for a multi-platform base image the manifest of each platform, and each configuration.
 * A registry that limits pulls, such as Docker Hub, may count the manifest requests as one more pull.
 *
 * <p>NOTE: this uses Jib Core's registry client and cache, which are not part of Jib's stable API. A base
 * image that cannot be read here gives no result, and Jib's own pull then reports the problem.
 */
final class BaseImageConfigs {
  /** Jib's platform when none is configured, as {@code os/architecture}. */
  private static final String DEFAULT_PLATFORM = "linux/amd64";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BuildLog log;

  BaseImageConfigs(BuildLog log) {
    this.log = log;
  }

  /**
   * The entrypoint and the command (the default arguments) of a base image's configuration, each empty
   * when the configuration has none.
   *
   * @param platform the platform the configuration is for, as {@code os/architecture}
   */
  record StartCommand(String platform, List<String> entrypoint, List<String> command) {
    StartCommand {
      entrypoint = List.copyOf(entrypoint);
      command = List.copyOf(command);
    }

    boolean isEmpty() {
      return entrypoint.isEmpty() && command.isEmpty();
    }
  }

  /**
   * Returns the start command of each requested platform of the base image, or an empty list when the
   * configuration cannot be read, such as for a Docker schema 1 manifest or a platform the image lacks.
   *
   * @param platforms the platforms to build for, as {@code os/architecture}, or empty for Jib's default
   * @param offline whether to read only the base image cache
   */
  List<StartCommand> read(RegistryAccess baseImage, List<String> platforms, Path cacheDirectory, boolean offline) {
    List<String> requested = platforms.isEmpty() ? List.of(DEFAULT_PLATFORM) : platforms;
    try {
      ImageReference reference = ImageReference.parse(baseImage.reference());
      if (reference.isScratch()) {
        return requested.stream().map(platform -> new StartCommand(platform, List.of(), List.of())).toList();
      }
      // A digest names content that cannot change, so a cached copy is as good as the registry's.
      if (offline || reference.getDigest().isPresent()) {
        List<StartCommand> cached = fromCache(reference, requested, cacheDirectory);
        if (offline || !cached.isEmpty()) {
          return cached;
        }
      }
      return fromRegistry(reference, baseImage, requested);
    } catch (InvalidImageReferenceException | IOException | RegistryException | CacheDirectoryCreationException
        | CacheCorruptedException | RuntimeException e) {
      log.debug("Failed to read the configuration of the base image " + baseImage.configuredReference()
          + " before the build, so Jib reads it alone: " + e);
      return List.of();
    }
  }

  private List<StartCommand> fromRegistry(ImageReference reference, RegistryAccess access, List<String> platforms)
      throws IOException, RegistryException {
    FailoverHttpClient http = new FailoverHttpClient(false, false, this::logJibEvent);
    try {
      RegistryClient client = RegistryClient.factory(
              EventHandlers.NONE, reference.getRegistry(), reference.getRepository(), http)
          .setCredential(access.username().isPresent() && access.password().isPresent()
              ? Credential.from(access.username().get(), access.password().get())
              : null)
          .setUserAgent(PluginVersion.NAME + "/" + PluginVersion.get())
          .newRegistryClient();
      ManifestTemplate manifest = pullManifest(client, reference.getQualifier());
      if (manifest instanceof BuildableManifestTemplate image) {
        return List.of(startCommand(platforms.get(0), pullConfig(client, image)));
      }
      if (!(manifest instanceof ManifestListTemplate index)) {
        return List.of();
      }
      List<StartCommand> commands = new ArrayList<>();
      for (String platform : platforms) {
        String[] parts = platform.split("/");
        List<String> digests = index.getDigestsForPlatform(parts[1], parts[0]);
        if (digests.isEmpty()
            || !(client.pullManifest(digests.get(0)).getManifest() instanceof BuildableManifestTemplate image)) {
          return List.of();
        }
        commands.add(startCommand(platform, pullConfig(client, image)));
      }
      return commands;
    } finally {
      http.shutDown();
    }
  }

  /**
   * Pulls a manifest, first without credentials and then, as Jib does, with the authentication that the
   * registry's {@code WWW-Authenticate} challenge requests: Basic, or a bearer token.
   */
  private static ManifestTemplate pullManifest(RegistryClient client, String qualifier)
      throws IOException, RegistryException {
    try {
      return client.pullManifest(qualifier).getManifest();
    } catch (RegistryUnauthorizedException e) {
      String challenge = e.getHttpResponseException() == null
          ? null
          : e.getHttpResponseException().getHeaders().getAuthenticate();
      if (challenge == null) {
        throw e;
      }
      client.authPullByWwwAuthenticate(challenge);
      return client.pullManifest(qualifier).getManifest();
    }
  }

  private static JsonNode pullConfig(RegistryClient client, BuildableManifestTemplate image) throws IOException {
    DescriptorDigest digest = image.getContainerConfiguration().getDigest();
    return JSON.readTree(Blobs.writeToByteArray(client.pullBlob(digest, size -> {}, written -> {})));
  }

  /** Returns the cached configurations of the requested platforms, or an empty list when one is missing. */
  private static List<StartCommand> fromCache(ImageReference reference, List<String> platforms, Path directory)
      throws IOException, CacheDirectoryCreationException, CacheCorruptedException {
    Optional<ImageMetadataTemplate> metadata = Cache.withDirectory(directory).retrieveMetadata(reference);
    if (metadata.isEmpty()) {
      return List.of();
    }
    List<ManifestAndConfigTemplate> images = metadata.get().getManifestsAndConfigs();
    if (metadata.get().getManifestList() == null) {
      return images.size() == 1 && images.get(0).getConfig() != null
          ? List.of(startCommand(platforms.get(0), configJson(images.get(0).getConfig())))
          : List.of();
    }
    List<StartCommand> commands = new ArrayList<>();
    for (String platform : platforms) {
      Optional<ContainerConfigurationTemplate> config = images.stream()
          .map(ManifestAndConfigTemplate::getConfig)
          .filter(candidate -> candidate != null
              && platform.equals(candidate.getOs() + "/" + candidate.getArchitecture()))
          .findFirst();
      if (config.isEmpty()) {
        return List.of();
      }
      commands.add(startCommand(platform, configJson(config.get())));
    }
    return commands;
  }

  private static JsonNode configJson(ContainerConfigurationTemplate config) throws IOException {
    return JSON.readTree(JsonTemplateMapper.toUtf8String(config));
  }

  /** Reads {@code config.Entrypoint} and {@code config.Cmd}, as the image specifications name them. */
  static StartCommand startCommand(String platform, JsonNode configuration) {
    JsonNode config = configuration.path("config");
    return new StartCommand(platform, strings(config.path("Entrypoint")), strings(config.path("Cmd")));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private void logJibEvent(LogEvent event) {
    log.debug(event.getMessage());
  }
}
