package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.ecr.RepositoryCreation;
import io.github.ecrmaven.image.ApplicationForm;
import io.github.ecrmaven.publish.PublishRequest;
import io.github.ecrmaven.publish.PublishResult;
import io.github.ecrmaven.publish.Publisher;
import io.github.ecrmaven.publish.PushReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Publishes the project as a container image to Amazon ECR: ensures the repository, gets an
 * authorization token, builds the image with Jib and pushes every tag, verifies the result with
 * {@code DescribeImages}, and writes {@code target/ecr-image.json} and {@code target/ecr-image.digest}.
 *
 * <p>Works bound to the {@code deploy} phase or on its own, as in {@code mvn package ecr:push}.
 */
@Mojo(
    name = "push",
    defaultPhase = LifecyclePhase.DEPLOY,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class PushMojo extends AbstractRepositoryMojo {

  /**
   * Skips this goal only (property {@code ecr.push.skip}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.push.skip", defaultValue = "false")
  Boolean pushSkip;

  /**
   * The base image: {@code <image>} (property {@code ecr.from.image}). Default:
   * {@code eclipse-temurin:<N>-jre}, where N is the project's Java release, 17 at least.
   *
   * @since 0.1.0
   */
  @Parameter
  FromParameters from;

  /**
   * The container settings, each with its property: {@code <mainClass>} ({@code ecr.container.mainClass}),
   * by default the jar plugin's manifest main class or the one class with a main method;
   * {@code <jvmFlags>} ({@code ecr.container.jvmFlags}); {@code <args>} ({@code ecr.container.args});
   * {@code <ports>} ({@code ecr.container.ports}), such as 8080, 8080/udp or 9000-9002;
   * {@code <environment>} ({@code ecr.container.environment}, as KEY=value pairs); {@code <labels>}
   * ({@code ecr.container.labels}, as key=value pairs), which replace standard OCI labels of the same key;
   * {@code <skipStandardLabels>} ({@code ecr.container.skipStandardLabels}), {@code all} or some of
   * title, description, version, source, vendor, licenses, created and revision; {@code <entrypoint>}
   * ({@code ecr.container.entrypoint}), which replaces the Java command, or {@code INHERIT} to keep the
   * base image's; {@code <user>} ({@code ecr.container.user}); {@code <workingDirectory>}
   * ({@code ecr.container.workingDirectory}); {@code <volumes>} ({@code ecr.container.volumes});
   * {@code <creationTime>} ({@code ecr.container.creationTime}); {@code <format>}
   * ({@code ecr.container.format}), {@code Docker} (the default) or {@code OCI}; and, for {@code war}
   * packaging, {@code <appRoot>} ({@code ecr.container.appRoot}), the directory of the exploded WAR,
   * default {@code /usr/local/tomcat/webapps/ROOT}. List and map properties are comma-separated.
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
   * {@code spring-boot-docker-compose} are left out either way.
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
   * {@code <directoryMode>} ({@code ecr.extraDirectories.directoryMode}, default {@code 755}).
   *
   * @since 0.1.0
   */
  @Parameter
  ExtraDirectoriesParameters extraDirectories;

  /**
   * The action for a missing repository (property {@code ecr.repositoryCreation}): {@code create}
   * creates it with the repository settings ({@code imageTagMutability} and the others); {@code require}
   * fails the build; {@code on-push} pushes
   * anyway and leaves creation to ECR's create-on-push repository creation templates.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.repositoryCreation", defaultValue = "create")
  String repositoryCreation;

  @Override
  String goal() {
    return "push";
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    runGoal(pushSkip, () -> {
      if (session.isOffline()) {
        throw new MojoFailureException(
            "ecr:push cannot run in offline mode (-o): it calls the ECR API and pushes to the registry."
                + " Run the build without -o, or skip the push with -Decr.push.skip.");
      }
      deleteStaleReports();
      PublishRequest request = publishRequest();
      request.aws().proxy().ifPresent(proxy -> JibProxyProperties.apply(proxy, getLog()));
      PublishResult result = new Publisher(new MavenBuildLog(getLog())).publish(request);
      getLog().info(
          "Pushed " + result.imageUri() + " with tags " + String.join(", ", result.tags()) + " in "
              + String.format(Locale.ROOT, "%.1f s", result.duration().toMillis() / 1000.0));
    });
  }

  private void deleteStaleReports() throws MojoExecutionException {
    Path buildDirectory = Path.of(project.getBuild().getDirectory());
    try {
      PushReport.deleteStale(buildDirectory);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Failed to delete the push report of an earlier run in " + buildDirectory + ": " + e, e);
    }
  }

  private PublishRequest publishRequest() throws ConfigurationException {
    ParameterLookup lookup = lookup();
    ApplicationForm form = ContainerizingParameters.resolve(
        lookup, containerizingMode, container == null ? null : container.appRoot, project, getLog());
    return new PublishRequest(
        targetImage(),
        awsSettings(),
        RepositoryCreation.parse(lookup.string("ecr.repositoryCreation", repositoryCreation, "create")),
        repositorySettings(),
        updateRepositorySettingsValue(),
        BaseImageCredentials.access(ImageParameters.baseImage(lookup, from, project), settings, settingsDecrypter),
        LayerParameters.layers(lookup, project, session.getProjects(), includeOptionalDependencies, extraDirectories,
            form, getLog()),
        ProjectInputs.manifestMainClass(project),
        ContainerizingParameters.adjustContainer(
            ImageParameters.containerSettings(lookup, container, project, getLog()), form, getLog()),
        Path.of(project.getBuild().getDirectory()));
  }
}
