package io.github.ecrmaven.publish;

import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.aws.BaseImageAws;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.image.ApplicationLayers;
import io.github.ecrmaven.image.BaseImageCache;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.RegistryAccess;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A request to build the image {@code ecr:push} would push into a tarball, for {@code ecr:build}.
 *
 * @param target the image name and tags the tarball records
 * @param aws how to reach AWS when the base image is in ECR
 * @param baseImage the base image reference, with the credential for its registry from Maven's
 *     {@code settings.xml} when one is configured (a base image in ECR gets an ECR token instead)
 * @param baseImageAws the {@code <from><aws>} settings for a base image in ECR
 * @param layers the application's files
 * @param manifestMainClass the main class the jar plugin's manifest names, or empty
 * @param container the container settings
 * @param buildDirectory the project's build directory, which receives the tarball, the report and the cache
 * @param baseImageCache the directory of Jib's base image cache, which exists
 * @param offline whether the build may fetch nothing: the base image must then be in {@code baseImageCache},
 *     and a base image in ECR gets no authorization token
 */
public record BuildRequest(
    TargetImage target,
    AwsSettings aws,
    RegistryAccess baseImage,
    BaseImageAws baseImageAws,
    ApplicationLayers layers,
    Optional<String> manifestMainClass,
    ContainerSettings container,
    Path buildDirectory,
    Path baseImageCache,
    boolean offline) {

  /** Creates an online request with Jib's default base image cache. */
  public BuildRequest(TargetImage target, AwsSettings aws, RegistryAccess baseImage, BaseImageAws baseImageAws,
      ApplicationLayers layers, Optional<String> manifestMainClass, ContainerSettings container,
      Path buildDirectory) {
    this(target, aws, baseImage, baseImageAws, layers, manifestMainClass, container, buildDirectory,
        BaseImageCache.DEFAULT_DIRECTORY, false);
  }

  /** Creates an online request whose base image needs no {@code <from><aws>} settings. */
  public BuildRequest(TargetImage target, AwsSettings aws, RegistryAccess baseImage, ApplicationLayers layers,
      Optional<String> manifestMainClass, ContainerSettings container, Path buildDirectory) {
    this(target, aws, baseImage, BaseImageAws.NONE, layers, manifestMainClass, container, buildDirectory);
  }

  /** Returns this request with {@code directory} as the base image cache and the given offline mode. */
  public BuildRequest withBaseImageCache(Path directory, boolean offlineMode) {
    return new BuildRequest(target, aws, baseImage, baseImageAws, layers, manifestMainClass, container,
        buildDirectory, directory, offlineMode);
  }
}
