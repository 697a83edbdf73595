package io.github.ecrmaven.publish;

import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.aws.BaseImageAws;
import io.github.ecrmaven.ecr.RepositoryCreation;
import io.github.ecrmaven.ecr.RepositorySettings;
import io.github.ecrmaven.ecr.ScanGateSettings;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.image.ApplicationLayers;
import io.github.ecrmaven.image.BaseImageCache;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.RegistryAccess;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One publication: what to build, where to push it and how to reach AWS.
 *
 * @param target the repository and tags
 * @param aws the region, endpoint and profile settings
 * @param repositoryCreation what to do when the repository is missing
 * @param repositorySettings the configured repository settings, for a new repository and to compare an
 *     existing one with
 * @param updateRepositorySettings whether to change differing settings of an existing repository
 * @param baseImage the base image reference, with the credential for its registry from Maven's
 *     {@code settings.xml} when one is configured (a base image in ECR gets an ECR token instead)
 * @param baseImageAws the {@code <from><aws>} settings for a base image in ECR
 * @param layers the application's files
 * @param manifestMainClass the main class the jar plugin's manifest names, or empty
 * @param container the container settings
 * @param buildDirectory the project's build directory, which receives the reports and the layer cache
 * @param scanGate whether to wait for the image scan after the verification, and when to fail on its findings
 * @param baseImageCache the directory of Jib's base image cache, which exists
 */
public record PublishRequest(
    TargetImage target,
    AwsSettings aws,
    RepositoryCreation repositoryCreation,
    RepositorySettings repositorySettings,
    boolean updateRepositorySettings,
    RegistryAccess baseImage,
    BaseImageAws baseImageAws,
    ApplicationLayers layers,
    Optional<String> manifestMainClass,
    ContainerSettings container,
    Path buildDirectory,
    ScanGateSettings scanGate,
    Path baseImageCache) {

  /** Creates a request with Jib's default base image cache. */
  public PublishRequest(TargetImage target, AwsSettings aws, RepositoryCreation repositoryCreation,
      RepositorySettings repositorySettings, boolean updateRepositorySettings, RegistryAccess baseImage,
      BaseImageAws baseImageAws, ApplicationLayers layers, Optional<String> manifestMainClass,
      ContainerSettings container, Path buildDirectory, ScanGateSettings scanGate) {
    this(target, aws, repositoryCreation, repositorySettings, updateRepositorySettings, baseImage, baseImageAws,
        layers, manifestMainClass, container, buildDirectory, scanGate, BaseImageCache.DEFAULT_DIRECTORY);
  }

  /** Creates a request whose base image needs no {@code <from><aws>} settings, without a scan gate. */
  public PublishRequest(TargetImage target, AwsSettings aws, RepositoryCreation repositoryCreation,
      RepositorySettings repositorySettings, boolean updateRepositorySettings, RegistryAccess baseImage,
      ApplicationLayers layers, Optional<String> manifestMainClass, ContainerSettings container, Path buildDirectory) {
    this(target, aws, repositoryCreation, repositorySettings, updateRepositorySettings, baseImage, BaseImageAws.NONE,
        layers, manifestMainClass, container, buildDirectory, ScanGateSettings.disabled());
  }

  /** Creates a request without a scan gate. */
  public PublishRequest(TargetImage target, AwsSettings aws, RepositoryCreation repositoryCreation,
      RepositorySettings repositorySettings, boolean updateRepositorySettings, RegistryAccess baseImage,
      BaseImageAws baseImageAws, ApplicationLayers layers, Optional<String> manifestMainClass,
      ContainerSettings container, Path buildDirectory) {
    this(target, aws, repositoryCreation, repositorySettings, updateRepositorySettings, baseImage, baseImageAws,
        layers, manifestMainClass, container, buildDirectory, ScanGateSettings.disabled());
  }

  /** Creates a request whose base image needs no {@code <from><aws>} settings. */
  public PublishRequest(TargetImage target, AwsSettings aws, RepositoryCreation repositoryCreation,
      RepositorySettings repositorySettings, boolean updateRepositorySettings, RegistryAccess baseImage,
      ApplicationLayers layers, Optional<String> manifestMainClass, ContainerSettings container, Path buildDirectory,
      ScanGateSettings scanGate) {
    this(target, aws, repositoryCreation, repositorySettings, updateRepositorySettings, baseImage, BaseImageAws.NONE,
        layers, manifestMainClass, container, buildDirectory, scanGate);
  }

  /** Returns this request with {@code directory} as the base image cache. */
  public PublishRequest withBaseImageCache(Path directory) {
    return new PublishRequest(target, aws, repositoryCreation, repositorySettings, updateRepositorySettings,
        baseImage, baseImageAws, layers, manifestMainClass, container, buildDirectory, scanGate, directory);
  }
}
