package io.github.ecrmaven.maven;

import io.github.ecrmaven.ecr.EcrRegistry;
import io.github.ecrmaven.ecr.EnsuredRepository;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.publish.Publisher;
import io.github.ecrmaven.publish.RepositoryRequest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Makes sure the ECR repository exists with its settings, and does nothing else: creates a missing
 * repository, and compares an existing one with the configured settings, warning about each difference
 * or, with {@code updateRepositorySettings}, changing it in place.
 */
@Mojo(name = "create-repository", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class CreateRepositoryMojo extends AbstractRepositoryMojo {

  /**
   * Skips this goal only (property {@code ecr.create-repository.skip}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "ecr.create-repository.skip", defaultValue = "false")
  Boolean createRepositorySkip;

  @Override
  String goal() {
    return "create-repository";
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    runGoal(createRepositorySkip, () -> {
      if (session.isOffline()) {
        throw new MojoFailureException(
            "ecr:create-repository cannot run in offline mode (-o): it calls the ECR API. Run the build without"
                + " -o, or skip the goal with -Decr.create-repository.skip.");
      }
      TargetImage target = targetImage();
      RepositoryRequest request =
          new RepositoryRequest(
              target.repository(),
              target.registryId(),
              target.registry().map(EcrRegistry::region),
              awsSettings(),
              repositorySettings(),
              updateRepositorySettingsValue());
      EnsuredRepository repository = new Publisher(new MavenBuildLog(getLog())).ensureRepository(request);
      getLog().info("Repository ready: " + repository.repositoryUri());
    });
  }
}
