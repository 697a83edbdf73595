package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ApplicationForm;
import io.github.ecrmaven.publish.BuildRequest;
import io.github.ecrmaven.publish.TarballBuild;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the image {@code ecr:push} would push into {@code target/ecr-image.tar}, a Docker-format
 * tarball that {@code podman load} and {@code docker load} accept, or an OCI image layout tarball with
 * {@code <container><format>OCI</format>}, and writes {@code target/ecr-build.json} with its digest and
 * image ID. It makes no AWS call unless the base image is in ECR.
 *
 * <p>In Maven's offline mode ({@code -o}) it takes the base image from the base image cache, with no
 * call at all, and fails with the fix when the base image is not there.
 */
@Mojo(
    name = "build",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class BuildMojo extends AbstractEcrMojo {

  /**
   * Skips this goal only (property {@code ecr.build.skip}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.build.skip", defaultValue = "false")
  Boolean buildSkip;

  /**
   * The base image: {@code <image>} (property {@code ecr.from.image}). Default:
   * {@code eclipse-temurin:<N>-jre}, where N is the project's Java release, 17 at least, and
   * {@code tomcat:11.0-jre<N>} for {@code war} packaging. {@code <platforms>} ({@code ecr.from.platforms})
   * names the platforms to build for, such as {@code linux/arm64}. For a base
   * image in a private ECR registry that needs other access than the target, {@code <aws>} sets its
   * {@code <region>}, {@code <endpoint>}, {@code <registryEndpoint>}, {@code <profile>},
   * {@code <roleArn>}, {@code <externalId>}, {@code <roleSessionName>} and {@code <stsEndpoint>}, each
   * with its {@code ecr.from.aws.*} property.
   *
   * @since 0.1.0
   */
  @Parameter
  FromParameters from;

  /**
   * The container settings, as for {@code ecr:push}: {@code <mainClass>}, {@code <jvmFlags>},
   * {@code <args>}, {@code <entrypoint>}, {@code <ports>}, {@code <environment>}, {@code <labels>},
   * {@code <skipStandardLabels>}, {@code <user>}, {@code <workingDirectory>}, {@code <volumes>},
   * {@code <creationTime>}, {@code <format>} and {@code <appRoot>}, each with its
   * {@code ecr.container.*} property. The
   * tarball has the configured format, {@code Docker} (the default) or {@code OCI}.
   *
   * @since 0.1.0
   */
  @Parameter
  ContainerParameters container;

  /**
   * The containerizing mode (property {@code ecr.containerizingMode}), which decides how the application
   * goes into the image: {@code exploded} puts the compiled classes, resources and dependency jars in separate layers and runs the main class
   * from them; {@code packaged} puts the jar the project built (which must exist, so run the
   * {@code package} phase first) with its runtime dependencies, or a Spring Boot executable jar, detected
   * from its {@code BOOT-INF/} layout or its {@code Spring-Boot-Version} manifest attribute, unpacked in
   * the layers of its {@code BOOT-INF/layers.idx} and started by its launcher. A project with {@code war}
   * packaging goes in as an exploded WAR below {@code <container><appRoot>}, so only {@code exploded}
   * fits it. Default: {@code exploded}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.containerizingMode", defaultValue = "exploded")
  String containerizingMode;

  /**
   * Adds the project's optional dependencies, and the dependencies they bring, to the image's class path
   * (property {@code ecr.includeOptionalDependencies}). Default: {@code false}, so they are left out, as
   * Spring Boot's packaging leaves them out. {@code spring-boot-devtools} and
   * {@code spring-boot-docker-compose} are left out either way. It does not apply to a Spring Boot executable
   * jar or a WAR, which bring their own class path, and the build warns when it is true.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.includeOptionalDependencies", defaultValue = "false")
  Boolean includeOptionalDependencies;

  /**
   * Directories of the project copied into the image, in a layer above the classes: {@code <paths>}
   * ({@code ecr.extraDirectories.paths}), each a {@code <path>} with {@code <from>}, relative to the
   * project directory, and {@code <into>}, an absolute container path (default {@code /});
   * {@code <permissions>} ({@code ecr.extraDirectories.permissions}), each a {@code <permission>} with a
   * {@code <file>} glob over container paths and an octal {@code <mode>}; and the modes of everything
   * else, {@code <fileMode>} ({@code ecr.extraDirectories.fileMode}, default {@code 644}) and
   * {@code <directoryMode>} ({@code ecr.extraDirectories.directoryMode}, default {@code 755}). The modes apply
   * only to copied files, so without {@code <paths>} the build warns that they have no effect.
   *
   * @since 0.1.0
   */
  @Parameter
  ExtraDirectoriesParameters extraDirectories;

  /**
   * The directory of Jib's base image cache (property {@code ecr.baseImageCache}): the manifests,
   * configurations and layers of pulled base images, shared by every build that names the same
   * directory. A relative path is resolved against the project directory. The directory is created when
   * missing, and a path that names a file or cannot be created fails the build before any call. Default:
   * Jib's own location, {@code google-cloud-tools-java/jib} below {@code $XDG_CACHE_HOME}, else below
   * {@code ~/.cache} on Linux.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.baseImageCache")
  String baseImageCache;

  @Override
  String goal() {
    return "build";
  }

  @Override
  void checkEnumeratedValues(ParameterLookup lookup) throws ConfigurationException {
    ImageParameters.checkEnumeratedValues(lookup, containerizingMode, container);
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    runGoal(buildSkip, () -> {
      ParameterLookup lookup = lookup();
      ApplicationForm form = ContainerizingParameters.resolve(
          lookup, containerizingMode, container == null ? null : container.appRoot, project, getLog());
      BuildRequest request =
          new BuildRequest(
              targetImage(),
              awsSettings(),
              BaseImageCredentials.access(ImageParameters.baseImage(lookup, from, project), settings, settingsDecrypter),
              ImageParameters.baseImageAws(lookup, from),
              LayerParameters.layers(lookup, project, session.getProjects(), includeOptionalDependencies,
                  extraDirectories, form, getLog()),
              ProjectInputs.manifestMainClass(project),
              ContainerizingParameters.adjustContainer(
                  ImageParameters.containerSettings(lookup, container, project, getLog())
                      .withPlatforms(ImageParameters.platforms(lookup, from)), form, getLog()),
              Path.of(project.getBuild().getDirectory()),
              BaseImageCacheParameter.resolve(lookup, baseImageCache, project.getBasedir().toPath()),
              session.isOffline());
      LayerParameters.warnIfExtraFilesUnreadable(request.layers(), request.container(), getLog());
      request.aws().proxy().ifPresent(proxy -> JibProxyProperties.apply(proxy, getLog()));
      new TarballBuild(new MavenBuildLog(getLog(), interactiveConsole())).build(request);
    });
  }
}
