package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.publish.PublishException;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The parameters every goal shares: skipping, the target repository, and AWS access. Each value can be
 * overridden with its {@code ecr.*} property on the command line, see {@link ParameterLookup}.
 */
abstract class AbstractEcrMojo extends AbstractMojo {

  /**
   * Skips every goal of this plugin (property {@code ecr.skip}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.skip", defaultValue = "false")
  Boolean skip;

  /**
   * The ECR repository to push to, in the caller's own registry (property {@code ecr.repository}).
   * Ignored when {@code <to><image>} is set.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.repository", defaultValue = "${project.artifactId}")
  String repository;

  /**
   * The target image: {@code <image>} (property {@code ecr.to.image}), a full ECR reference such as
   * {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app} whose host gives the account and region;
   * and {@code <tags>} (property {@code ecr.to.tags}, comma-separated), the tags to push, by default the
   * project version. A tag in {@code <image>} is pushed too.
   *
   * @since 0.1.0
   */
  @Parameter
  ToParameters to;

  /**
   * The AWS region, such as {@code eu-west-1} (property {@code ecr.region}). Default: the region of the
   * registry in {@code <to><image>}, else the AWS SDK's region chain ({@code AWS_REGION}, then the
   * profile's region).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.region")
  String region;

  /**
   * An ECR API endpoint override, such as a VPC endpoint URL (property {@code ecr.endpoint}). The AWS
   * SDK's {@code AWS_ENDPOINT_URL_ECR} variable works too.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.endpoint")
  String endpoint;

  /**
   * The AWS access settings, each with its property: {@code <profile>} ({@code ecr.aws.profile}), a named
   * profile of the shared AWS config files whose credentials are then used instead of the default chain;
   * {@code <roleArn>} ({@code ecr.aws.roleArn}), a role to assume on top of them, with
   * {@code <externalId>} ({@code ecr.aws.externalId}) and {@code <roleSessionName>}
   * ({@code ecr.aws.roleSessionName}); {@code <stsEndpoint>} ({@code ecr.aws.stsEndpoint}); and the
   * endpoint switches {@code <fips>} ({@code ecr.aws.fips}) and {@code <dualStack>}
   * ({@code ecr.aws.dualStack}).
   *
   * @since 0.1.0
   */
  @Parameter
  AwsParameters aws;

  /**
   * The account ID of the target registry when only {@code <repository>} is set and the registry is not
   * the caller's own (property {@code ecr.registryId}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.registryId")
  String registryId;

  /**
   * The host and optional port to reach the registry at instead of its own host, such as a VPC endpoint
   * without private DNS (property {@code ecr.registryEndpoint}). Reports and logs keep the registry's own
   * name.
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.registryEndpoint")
  String registryEndpoint;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  @Parameter(defaultValue = "${settings}", readonly = true)
  Settings settings;

  @Component
  SettingsDecrypter settingsDecrypter;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  PluginDescriptor pluginDescriptor;

  /** Returns this goal's name, as in {@code ecr:<goal>}, for its skip property and log lines. */
  abstract String goal();

  /** Returns whether the build runs on an interactive console, not in batch mode ({@code -B}) or a pipe. */
  boolean interactiveConsole() {
    return session.getRequest().isInteractiveMode() && System.console() != null;
  }

  ParameterLookup lookup() {
    return new ParameterLookup(session, project);
  }

  /**
   * Returns whether this goal skips the project: when {@code ecr.skip} or {@code ecr.<goal>.skip} is
   * true, or the project has {@code pom} packaging. Logs the reason at info.
   *
   * @throws ConfigurationException when a skip property is not a boolean, or the project has {@code pom}
   *     packaging and {@link #checkEnumeratedValues} rejects a value
   */
  boolean shouldSkip(Boolean goalSkip) throws ConfigurationException {
    ParameterLookup lookup = lookup();
    if (booleanValue(lookup, "ecr.skip", skip)) {
      getLog().info("Skipping ecr:" + goal() + ": ecr.skip is true");
      return true;
    }
    if (booleanValue(lookup, "ecr." + goal() + ".skip", goalSkip)) {
      getLog().info("Skipping ecr:" + goal() + ": ecr." + goal() + ".skip is true");
      return true;
    }
    if ("pom".equals(project.getPackaging())) {
      // A bad value that the modules inherit then fails the parent's own build, before any module runs.
      checkEnumeratedValues(lookup);
      getLog().info("Skipping ecr:" + goal() + " for " + project.getArtifactId() + ": packaging 'pom' has no"
          + " application to put into an image");
      return true;
    }
    return false;
  }

  /**
   * Checks each parameter of this goal that takes one of a fixed set of values, such as
   * {@code <containerizingMode>}. Those checks need nothing of the project, so they also run for a project
   * that the goal skips for its {@code pom} packaging.
   *
   * @throws ConfigurationException naming the parameter, the value and the accepted values
   */
  void checkEnumeratedValues(ParameterLookup lookup) throws ConfigurationException {}

  /**
   * Resolves the target repository and tags.
   *
   * @throws ConfigurationException when the repository, image reference or a tag is invalid
   */
  TargetImage targetImage() throws ConfigurationException {
    ParameterLookup lookup = lookup();
    ToParameters toParameters = to == null ? new ToParameters() : to;
    String image = lookup.string("ecr.to.image", toParameters.image, null);
    String repositoryName = lookup.string("ecr.repository", repository, project.getArtifactId());
    List<String> tags = lookup.list("ecr.to.tags", toParameters.tags, List.of(project.getVersion()));
    return TargetImage.resolve(image, repositoryName, tags, lookup.string("ecr.registryId", registryId, null),
        lookup.string("ecr.registryEndpoint", registryEndpoint, null));
  }

  /**
   * Resolves the AWS settings, with the build's HTTP proxy from {@code settings.xml} or the environment.
   *
   * @throws ConfigurationException when a value is malformed or a proxy password cannot be decrypted
   */
  AwsSettings awsSettings() throws ConfigurationException {
    ParameterLookup lookup = lookup();
    AwsParameters awsParameters = aws == null ? new AwsParameters() : aws;
    return AwsSettings.of(
        lookup.string("ecr.region", region, null),
        lookup.string("ecr.endpoint", endpoint, null),
        lookup.string("ecr.aws.profile", awsParameters.profile, null),
        lookup.string("ecr.aws.roleArn", awsParameters.roleArn, null),
        lookup.string("ecr.aws.externalId", awsParameters.externalId, null),
        lookup.string("ecr.aws.roleSessionName", awsParameters.roleSessionName, null),
        lookup.string("ecr.aws.stsEndpoint", awsParameters.stsEndpoint, null),
        booleanValue(lookup, "ecr.aws.fips", awsParameters.fips),
        booleanValue(lookup, "ecr.aws.dualStack", awsParameters.dualStack))
        .withProxy(ProxyResolver.resolve(settings, settingsDecrypter, System.getenv()));
  }

  /**
   * Turns a runtime failure into the build failure Maven shows. The message already contains the causes'
   * details in the user's terms, so the causes go to the debug log ({@code -X}) instead of being
   * appended to it.
   */
  MojoExecutionException failure(Exception e) {
    getLog().debug("ecr:" + goal() + " failed", e);
    return new MojoExecutionException(e.getMessage());
  }

  /** The work of a goal after its skip checks. */
  interface GoalWork {
    void run()
        throws ConfigurationException, PublishException, InterruptedException, MojoExecutionException,
            MojoFailureException;
  }

  /**
   * Runs a goal: skips it as {@link #shouldSkip} decides, else runs {@code work} and turns its failures
   * into Maven's: configuration problems into {@link MojoFailureException}, runtime failures into
   * {@link MojoExecutionException}.
   */
  void runGoal(Boolean goalSkip, GoalWork work) throws MojoExecutionException, MojoFailureException {
    try {
      Properties properties = new Properties();
      properties.putAll(project.getProperties());
      properties.putAll(session.getUserProperties());
      UnknownProperties.warnOnce(properties, pluginDescriptor, getLog());
      if (shouldSkip(goalSkip)) {
        return;
      }
      work.run();
    } catch (ConfigurationException e) {
      throw configurationFailure(e);
    } catch (PublishException e) {
      throw failure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted while running ecr:" + goal(), e);
    }
  }

  /**
   * Turns a configuration problem into the build failure Maven shows, with the message alone: it names
   * the parameter, the value and the fix, and a parser's own wording would only repeat it. The cause goes
   * to the debug log.
   */
  MojoFailureException configurationFailure(ConfigurationException e) {
    getLog().debug("ecr:" + goal() + " configuration problem", e);
    return new MojoFailureException(e.getMessage());
  }

  static boolean booleanValue(ParameterLookup lookup, String property, Boolean pomValue)
      throws ConfigurationException {
    try {
      return lookup.bool(property, pomValue, false);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }
}
