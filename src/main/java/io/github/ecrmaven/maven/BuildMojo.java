package io.github.ecrmaven.maven;

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
 * tarball that {@code podman load} and {@code docker load} accept, and writes
 * {@code target/ecr-build.json} with its digest and image ID. It makes no AWS call unless the base image
 * is in ECR.
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
   * {@code eclipse-temurin:<N>-jre}, where N is the project's Java release, 17 at least.
   *
   * @since 0.1.0
   */
  @Parameter
  FromParameters from;

  /**
   * The container settings, as for {@code ecr:push}: {@code <mainClass>}, {@code <jvmFlags>},
   * {@code <args>}, {@code <ports>}, {@code <environment>} and {@code <labels>}, each with its
   * {@code ecr.container.*} property.
   *
   * @since 0.1.0
   */
  @Parameter
  ContainerParameters container;

  @Override
  String goal() {
    return "build";
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    runGoal(buildSkip, () -> {
      ParameterLookup lookup = lookup();
      BuildRequest request =
          new BuildRequest(
              targetImage(),
              awsSettings(),
              BaseImageCredentials.access(ImageParameters.baseImage(lookup, from, project), settings, settingsDecrypter),
              ProjectInputs.layers(project, session.getProjects()),
              ProjectInputs.manifestMainClass(project),
              ImageParameters.containerSettings(lookup, container, project, getLog()),
              Path.of(project.getBuild().getDirectory()));
      request.aws().proxy().ifPresent(proxy -> JibProxyProperties.apply(proxy, getLog()));
      new TarballBuild(new MavenBuildLog(getLog())).build(request);
    });
  }
}
