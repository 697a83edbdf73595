package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.publish.PublishException;
import io.github.ecrmaven.publish.PublishRequest;
import io.github.ecrmaven.publish.PublishResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * Acts on a module's arrival at {@code ecr:push} with {@code pushAtEnd}: it waits for the other
 * modules, stops when one of them ended without reaching the goal, and lets the last module publish
 * every deferred image.
 */
final class PushAtEnd {

  /** Publishes one image. */
  interface Publication {
    PublishResult publish(PublishRequest request)
        throws ConfigurationException, PublishException, InterruptedException;
  }

  private final Log log;
  private final Publication publication;

  PushAtEnd(Log log, Publication publication) {
    this.log = log;
    this.publication = publication;
  }

  /**
   * Handles the arrival of {@code projectId}.
   *
   * @param deferredOwn whether the module deferred an image of its own, rather than skipping the goal
   * @param failedBefore whether a module of the build has already failed
   * @throws MojoExecutionException when an expected module ended without reaching the goal, or when a
   *     deferred push fails. The message then lists what was pushed and what was not.
   */
  void handle(String projectId, boolean deferredOwn, DeferredPushes.Arrival arrival, boolean failedBefore)
      throws MojoExecutionException {
    if (!arrival.neverArriving().isEmpty()) {
      throw new MojoExecutionException("Not pushing any image (pushAtEnd): the build of "
          + String.join(", ", arrival.neverArriving()) + " ended without reaching ecr:push, because it failed or"
          + " its build does not run the goal. Fix that module, or turn pushAtEnd off (ecr.pushAtEnd) when only"
          + " some modules run ecr:push.");
    }
    if (arrival.toPublish().isEmpty()) {
      String progress = arrival.arrived() + " of " + arrival.expected() + " modules have reached ecr:push";
      log.info(deferredOwn
          ? "Deferring the push of " + projectId + " until every module has built (pushAtEnd): " + progress
              + ". If a module fails before then, no image is pushed"
          : projectId + " has no image to push (pushAtEnd): " + progress);
      return;
    }
    List<DeferredPushes.Deferred> deferred = arrival.toPublish().get();
    if (failedBefore) {
      log.warn("Not pushing the " + deferred.size() + " deferred images (pushAtEnd), because a module of this"
          + " build failed.");
      return;
    }
    publishAll(deferred);
  }

  private void publishAll(List<DeferredPushes.Deferred> deferred) throws MojoExecutionException {
    log.info("Every module has built: pushing " + deferred.size() + " deferred image" + (deferred.size() == 1 ? "" : "s")
        + " (pushAtEnd)");
    List<String> pushed = new ArrayList<>();
    for (int i = 0; i < deferred.size(); i++) {
      DeferredPushes.Deferred next = deferred.get(i);
      try {
        PublishResult result = publication.publish(next.request());
        pushed.add(next.projectId() + " (" + result.imageUri() + ")");
      } catch (ConfigurationException | PublishException e) {
        throw new MojoExecutionException(failureMessage(next, e, pushed, deferred.subList(i + 1, deferred.size())), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MojoExecutionException(failureMessage(next, e, pushed, deferred.subList(i + 1, deferred.size())), e);
      }
    }
  }

  /** Says which push failed, and lists what was published and what was not, because pushes are not undone. */
  private static String failureMessage(DeferredPushes.Deferred failed, Exception cause, List<String> pushed,
      List<DeferredPushes.Deferred> notAttempted) {
    List<String> notPushed = new ArrayList<>();
    notAttempted.forEach(deferred -> notPushed.add(deferred.projectId()));
    return "The deferred push of " + failed.projectId() + " failed (pushAtEnd): " + cause.getMessage()
        + " Already pushed, and not undone: " + (pushed.isEmpty() ? "none" : String.join(", ", pushed))
        + ". Not pushed: " + failed.projectId() + (notPushed.isEmpty() ? "" : ", " + String.join(", ", notPushed))
        + ".";
  }
}
