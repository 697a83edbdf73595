package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.ecr.RepositoryCreation;
import io.github.ecrmaven.publish.PublishException;
import io.github.ecrmaven.image.ApplicationForm;
import io.github.ecrmaven.publish.PublishRequest;
import io.github.ecrmaven.publish.PublishResult;
import io.github.ecrmaven.publish.Publisher;
import io.github.ecrmaven.publish.PushReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Publishes the project as a container image to Amazon ECR: ensures the repository, gets an
 * authorization token, builds the image with Jib and pushes every tag, verifies the result with
 * {@code DescribeImages}, optionally waits for the image scan ({@code <scan>}), and writes
 * {@code target/ecr-image.json} and {@code target/ecr-image.digest}.
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
   * The action for a missing repository (property {@code ecr.repositoryCreation}): {@code create}
   * creates it with the repository settings ({@code imageTagMutability} and the others); {@code require}
   * fails the build; {@code on-push} pushes
   * anyway and leaves creation to ECR's create-on-push repository creation templates.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.repositoryCreation", defaultValue = "create")
  String repositoryCreation;

  /**
   * Defers the push of every module until the last module of the reactor that runs {@code ecr:push} has
   * reached it, as maven-deploy-plugin's {@code deployAtEnd} does (property {@code ecr.pushAtEnd}). A
   * module that fails before then stops every push, so a failed build publishes no image. Each
   * module's configuration is still checked when the module reaches the goal. Default: {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.pushAtEnd", defaultValue = "false")
  Boolean pushAtEnd;

  /**
   * The scan gate, each value with its property: {@code <wait>} ({@code ecr.scan.wait}, default
   * {@code false}) waits for ECR's scan of the image after the verification; {@code <timeout>}
   * ({@code ecr.scan.timeout}, default {@code PT5M}) bounds the wait, as an ISO 8601 duration or whole
   * seconds; {@code <failOnSeverity>} ({@code ecr.scan.failOnSeverity}, default {@code HIGH}) fails the build
   * on a finding of that severity or higher: {@code CRITICAL}, {@code HIGH}, {@code MEDIUM}, {@code LOW},
   * {@code INFORMATIONAL}, {@code UNDEFINED}, or {@code NONE} to only report. A scan that is still pending
   * at the timeout, that failed, or that no scanning configuration starts fails the gate.
   *
   * @since 0.1.0
   */
  @Parameter
  ScanParameters scan;

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
    return "push";
  }

  @Override
  void checkEnumeratedValues(ParameterLookup lookup) throws ConfigurationException {
    super.checkEnumeratedValues(lookup);
    ImageParameters.checkEnumeratedValues(lookup, containerizingMode, container);
    RepositoryCreation.parse(lookup.string("ecr.repositoryCreation", repositoryCreation, "create"));
    ScanGateParameters.checkFailOnSeverity(lookup, scan);
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    boolean atEnd;
    try {
      atEnd = booleanValue(lookup(), "ecr.pushAtEnd", pushAtEnd);
    } catch (ConfigurationException e) {
      throw configurationFailure(e);
    }
    if (!atEnd) {
      runGoal(pushSkip, () -> publish(prepare()));
      return;
    }

    // A skipped module reaches the goal too, with nothing to push.
    AtomicReference<PublishRequest> prepared = new AtomicReference<>();
    runGoal(pushSkip, () -> prepared.set(prepare()));
    DeferredPushes.Arrival arrival = DeferredPushes.of(session)
        .arrive(project.getId(), Optional.ofNullable(prepared.get()), finishedProjects());
    new PushAtEnd(getLog(), this::publish)
        .handle(project.getId(), prepared.get() != null, arrival, session.getResult().hasExceptions());
  }

  /** Checks that the goal can run and returns the publication, with every value validated. */
  private PublishRequest prepare() throws ConfigurationException, MojoExecutionException, MojoFailureException {
    if (session.isOffline()) {
      throw new MojoFailureException(
          "ecr:push cannot run in offline mode (-o): it calls the ECR API and pushes to the registry."
              + " Run the build without -o, or skip the push with -Decr.push.skip.");
    }
    deleteStaleReports();
    return publishRequest();
  }

  private PublishResult publish(PublishRequest request)
      throws ConfigurationException, PublishException, InterruptedException {
    request.aws().proxy().ifPresent(proxy -> JibProxyProperties.apply(proxy, getLog()));
    PublishResult result = new Publisher(new MavenBuildLog(getLog(), interactiveConsole())).publish(request);
    getLog().info(
        "Published " + result.imageUri() + " with tags " + String.join(", ", result.tags()) + " in "
            + String.format(Locale.ROOT, "%.1f s", result.duration().toMillis() / 1000.0));
    return result;
  }

  private Set<String> finishedProjects() {
    Set<String> finished = new HashSet<>();
    for (MavenProject reactorProject : session.getProjects()) {
      if (session.getResult().getBuildSummary(reactorProject) != null) {
        finished.add(reactorProject.getId());
      }
    }
    return finished;
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
    PublishRequest request = new PublishRequest(
        targetImage(),
        awsSettings(),
        RepositoryCreation.parse(lookup.string("ecr.repositoryCreation", repositoryCreation, "create")),
        repositorySettings(),
        updateRepositorySettingsValue(),
        BaseImageCredentials.access(ImageParameters.baseImage(lookup, from, project), settings, settingsDecrypter),
        ImageParameters.baseImageAws(lookup, from),
        LayerParameters.layers(lookup, project, session.getProjects(), includeOptionalDependencies, extraDirectories,
            form, getLog()),
        ProjectInputs.manifestMainClass(project),
        ContainerizingParameters.adjustContainer(
            ImageParameters.containerSettings(lookup, container, project, getLog())
                .withPlatforms(ImageParameters.platforms(lookup, from)), form, getLog()),
        Path.of(project.getBuild().getDirectory()),
        ScanGateParameters.settings(lookup, scan, getLog()),
        BaseImageCacheParameter.resolve(lookup, baseImageCache, project.getBasedir().toPath()));
    LayerParameters.warnIfExtraFilesUnreadable(request.layers(), request.container(), getLog());
    return request;
  }
}
