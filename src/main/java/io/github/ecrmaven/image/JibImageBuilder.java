package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.Ports;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.http.ResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.PluginVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Builds the application image with Jib Core and pushes it to a registry under every requested tag.
 *
 * <p>Layers, from the bottom: the base image, the application's layers in its form (for the exploded
 * mode release dependencies, snapshot dependencies, reactor project dependencies, resources and
 * classes), then the extra files. File modification times and modes, the modes recorded in jars the
 * reactor built, and the creation time are fixed, so the same inputs give the same digest whatever the
 * build's umask, time zone or file times.
 */
public final class JibImageBuilder {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The directory, beside the application layer cache, that a Spring Boot jar is unpacked into. */
  static final String SPRING_BOOT_UNPACK_DIRECTORY = "ecr-spring-boot-jar";
  /** The directory, beside the application layer cache, of jar copies with normalized file modes. */
  static final String NORMALIZED_JAR_DIRECTORY = "ecr-normalized-jars";

  private final BuildLog log;
  private final Path applicationCache;
  private final Path baseImageCache;
  private final boolean offline;

  /**
   * Creates a builder that uses Jib's default base image cache and may reach registries.
   *
   * @param applicationCache the directory Jib keeps application layers in between builds, such as
   *     {@code target/ecr-cache}
   */
  public JibImageBuilder(BuildLog log, Path applicationCache) {
    this(log, applicationCache, BaseImageCache.DEFAULT_DIRECTORY, false);
  }

  /**
   * @param applicationCache the directory Jib keeps application layers in between builds, such as
   *     {@code target/ecr-cache}
   * @param baseImageCache the directory Jib keeps base image layers and manifests in, shared between
   *     projects and builds
   * @param offline whether the base image must come from {@code baseImageCache} with no registry call;
   *     only a tarball can be built offline
   */
  public JibImageBuilder(BuildLog log, Path applicationCache, Path baseImageCache, boolean offline) {
    this.log = log;
    this.applicationCache = applicationCache;
    this.baseImageCache = baseImageCache;
    this.offline = offline;
  }

  /**
   * Builds the image and pushes it to {@code target}, then adds each of {@code additionalTags}.
   *
   * @param target the first tag's reference and the credential for the target registry
   * @throws ImageBuildException when the base image cannot be read or the push fails
   * @throws InterruptedException when the build is interrupted
   */
  public BuiltImage push(ApplicationImage image, RegistryAccess target, List<String> additionalTags)
      throws ImageBuildException, InterruptedException {
    if (offline) {
      throw new IllegalStateException("An image cannot be pushed in offline mode");
    }
    return containerize(image, Containerizer.to(registryImage(target)), additionalTags);
  }

  /**
   * Builds the image into a tarball in the configured format, named {@code imageName} with each of
   * {@code additionalTags} too. {@code podman load} accepts both formats, {@code docker load} the Docker
   * one.
   *
   * @param imageName the name and first tag the tarball gives the image, such as {@code team/app:1.0}
   * @throws ImageBuildException when the base image cannot be read or the tarball cannot be written
   * @throws InterruptedException when the build is interrupted
   */
  public BuiltImage buildTarball(ApplicationImage image, Path tarball, String imageName, List<String> additionalTags)
      throws ImageBuildException, InterruptedException {
    try {
      TarImage target = TarImage.at(tarball).named(imageName);
      return containerize(image, Containerizer.to(target), additionalTags);
    } catch (InvalidImageReferenceException e) {
      throw new ImageBuildException("Invalid image name '" + imageName + "' for the tarball", e);
    }
  }

  private BuiltImage containerize(ApplicationImage image, Containerizer containerizer, List<String> additionalTags)
      throws ImageBuildException, InterruptedException {
    try {
      JibContainerBuilder builder = containerBuilder(image);
      // Jib records the tool in the history of each layer it adds, as created_by "<name>:<version>".
      containerizer.setToolName(PluginVersion.NAME)
          .setToolVersion(PluginVersion.get())
          .setApplicationLayersCache(applicationCache)
          .setBaseImageLayersCache(baseImageCache)
          .setOfflineMode(offline)
          .addEventHandler(com.google.cloud.tools.jib.api.LogEvent.class, new JibLogAdapter(log, image.baseImage()))
          .addEventHandler(ProgressEvent.class, new PushProgress(log));
      for (String tag : additionalTags) {
        containerizer.withAdditionalTag(tag);
      }
      JibContainer container = builder.containerize(containerizer);
      return new BuiltImage(container.getDigest().toString(), container.getImageId().toString());
    } catch (RegistryUnauthorizedException e) {
      if (String.valueOf(e.getImageReference()).contains(ImageReferences.repositoryOf(image.baseImage().reference()))) {
        throw new ImageBuildException(
            "The registry of the base image " + image.baseImage().configuredReference() + " from <from><image>"
                + " (ecr.from.image) rejected the request: " + e.getMessage() + ". A base image in ECR is pulled"
                + " with an ECR token when <from><image> names it by its ECR host (with <registryEndpoint> for a"
                + " VPC endpoint). A base image in another registry is pulled with the user name and password of"
                + " the settings.xml <server> whose id is its registry host, or anonymously.",
            e);
      }
      String registryMessage = registryErrorMessage(e).map(message -> " (" + message + ")").orElse("");
      throw new ImageBuildException(
          "The registry rejected the credentials for " + e.getImageReference() + ": " + e.getMessage()
              + registryMessage + ". Check that the principal may call ecr:GetAuthorizationToken and push to"
              + " this repository.",
          e);
    } catch (RegistryException e) {
      Optional<String> tagRejection = tagRejection(e);
      if (tagRejection.isPresent()) {
        throw new TagRejectedException(tagRejection.get(), e);
      }
      if (String.valueOf(e.getMessage()).contains(image.baseImage().reference())) {
        // Jib's message continues with the HTTP request and response on further lines.
        String reason = JibLogAdapter.withConfiguredReference(e.getMessage().lines().findFirst().orElse(""),
                image.baseImage())
            .replace("because: other: ", "because: ")
            .replaceAll("[.\\s]+$", "");
        String remedy = reason.contains("platform") || reason.contains("manifest list")
            ? " Set <from><platforms> (ecr.from.platforms) to platforms the base image has, such as linux/amd64, or"
                + " use a multi-platform base image for several platforms."
            : " Check the reference, that the image exists, and that this build may read it.";
        throw new ImageBuildException(
            "Failed to pull the base image " + image.baseImage().configuredReference() + " from <from><image>"
                + " (ecr.from.image): " + reason + "." + remedy,
            e);
      }
      throw new ImageBuildException("The registry rejected the image: " + e.getMessage(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      // Jib 0.28.1 reports a base image missing from its cache in offline mode with this IOException.
      if (offline && cause instanceof IOException && String.valueOf(cause.getMessage()).contains("offline mode")) {
        throw new ImageBuildException(
            BaseImageCache.notCachedMessage(image.baseImage().configuredReference(), baseImageCache), cause);
      }
      throw new ImageBuildException("Failed to build or push the image: " + cause, cause);
    } catch (IOException | CacheDirectoryCreationException e) {
      throw new ImageBuildException("Failed to build the image: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the message of the registry's first error in the body of a 401 or 403 response, such as
   * ECR's explanation of a denied action, or empty when the body has none.
   */
  static Optional<String> registryErrorMessage(RegistryUnauthorizedException e) {
    String content = e.getHttpResponseException() == null ? null : e.getHttpResponseException().getContent();
    for (Throwable cause = e; content == null && cause != null; cause = cause.getCause()) {
      if (cause instanceof ResponseException response) {
        content = response.getContent();
      }
    }
    if (content == null || content.isBlank()) {
      return Optional.empty();
    }
    try {
      String message = JSON.readTree(content).path("errors").path(0).path("message").asText("");
      return message.isBlank() ? Optional.empty() : Optional.of(message);
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  /**
   * Returns the registry's message when it rejected a manifest with {@code TAG_INVALID}. Jib reports
   * every 400 response to a manifest push as a registry that may not support the manifest format, so
   * the registry's own error is read from the HTTP response among the causes.
   */
  private static Optional<String> tagRejection(RegistryException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ResponseException response && response.getStatusCode() == 400
          && String.valueOf(response.getContent()).contains("TAG_INVALID")) {
        try {
          JsonNode error = JSON.readTree(response.getContent()).path("errors").path(0);
          return Optional.of(error.path("code").asText("TAG_INVALID") + ": " + error.path("message").asText(""));
        } catch (IOException parseFailure) {
          return Optional.of("TAG_INVALID");
        }
      }
    }
    return Optional.empty();
  }

  /** Describes the image to Jib: the application's layers in its form, the extra files and the settings. */
  JibContainerBuilder containerBuilder(ApplicationImage requested) throws IOException, ImageBuildException {
    ApplicationImage image = withNormalizedJars(requested);
    RegistryImage baseImage = registryImage(image.baseImage());
    ApplicationForm form = image.layers().form();
    JibContainerBuilder builder;
    if (form instanceof ApplicationForm.PackagedJar packaged) {
      builder = PackagedJarLayers.containerBuilder(baseImage, image, packaged.jar());
    } else if (form instanceof ApplicationForm.SpringBootExecutableJar bootJar) {
      builder = SpringBootJarLayers.containerBuilder(
          baseImage, image, bootJar.jar(), applicationCache.resolveSibling(SPRING_BOOT_UNPACK_DIRECTORY));
    } else if (form instanceof ApplicationForm.ExplodedWar war) {
      builder = ExplodedWarLayers.containerBuilder(baseImage, war);
    } else {
      builder = ExplodedClassesLayers.containerBuilder(baseImage, image);
    }

    Optional<FileEntriesLayer> extraFiles = ExtraFilesLayer.build(image.layers().extraDirectories());
    if (extraFiles.isPresent()) {
      builder.addFileEntriesLayer(extraFiles.get());
    }
    applySettings(builder, image.container());
    return builder;
  }

  /**
   * Returns the image with the jars that the reactor built, the project's own in the packaged mode and
   * those of other modules, replaced by copies with normalized file modes where the build's umask
   * changed them. Jars from the local repository are left as they are.
   */
  private ApplicationImage withNormalizedJars(ApplicationImage image) throws IOException {
    Path copies = applicationCache.resolveSibling(NORMALIZED_JAR_DIRECTORY);
    ApplicationLayers layers = image.layers();
    List<Path> projectDependencies = new ArrayList<>();
    for (int i = 0; i < layers.projectDependencies().size(); i++) {
      projectDependencies.add(
          JarFileModes.normalized(layers.projectDependencies().get(i), copies.resolve("module-" + i)));
    }
    ApplicationForm form = layers.form();
    if (form instanceof ApplicationForm.PackagedJar packaged) {
      form = new ApplicationForm.PackagedJar(JarFileModes.normalized(packaged.jar(), copies.resolve("project")));
    }
    ApplicationLayers normalized = new ApplicationLayers(layers.dependencies(), layers.snapshotDependencies(),
        projectDependencies, layers.outputDirectory(), layers.extraDirectories(), form);
    return new ApplicationImage(image.baseImage(), normalized, image.mainClass(), image.container());
  }

  private static void applySettings(JibContainerBuilder builder, ContainerSettings container) {
    builder.setFormat(container.format())
        .setCreationTime(container.creationTime().orElseGet(Instant::now))
        // Jib Core 0.28.1 rejects an uppercase protocol, such as 8080/TCP, which the check accepts.
        .setExposedPorts(Ports.parse(container.ports().stream().map(port -> port.toLowerCase(Locale.ROOT)).toList()));
    if (!container.platforms().isEmpty()) {
      Set<Platform> platforms = new LinkedHashSet<>();
      for (String platform : container.platforms()) {
        String[] parts = platform.split("/");
        platforms.add(new Platform(parts[1], parts[0]));
      }
      builder.setPlatforms(platforms);
    }
    if (container.inheritsEntrypoint()) {
      // Null keeps the base image's value. Arguments are kept too unless some are configured.
      builder.setEntrypoint((List<String>) null);
      builder.setProgramArguments(container.args().isEmpty() ? null : container.args());
    } else {
      if (!container.runsMainClass()) {
        builder.setEntrypoint(container.entrypoint());
      }
      builder.setProgramArguments(container.args());
    }
    container.environment().forEach(builder::addEnvironmentVariable);
    container.labels().forEach(builder::addLabel);
    container.user().ifPresent(builder::setUser);
    container.workingDirectory().map(AbsoluteUnixPath::get).ifPresent(builder::setWorkingDirectory);
    Set<AbsoluteUnixPath> volumes = new LinkedHashSet<>();
    container.volumes().forEach(volume -> volumes.add(AbsoluteUnixPath.get(volume)));
    builder.setVolumes(volumes);
  }

  private static RegistryImage registryImage(RegistryAccess access) throws ImageBuildException {
    try {
      RegistryImage image = RegistryImage.named(ImageReference.parse(access.reference()));
      if (access.username().isPresent() && access.password().isPresent()) {
        image.addCredential(access.username().get(), access.password().get());
      }
      return image;
    } catch (InvalidImageReferenceException e) {
      throw new ImageBuildException("Invalid image reference '" + access.reference() + "'", e);
    }
  }
}
