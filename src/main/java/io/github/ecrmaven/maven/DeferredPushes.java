package io.github.ecrmaven.maven;

import io.github.ecrmaven.publish.PublishRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.SessionData;

/**
 * The publications that {@code ecr:push} defers with {@code pushAtEnd} until every module of the
 * reactor that runs the goal has reached it, so that a module that fails earlier stops all of them.
 * One instance lives in the build's shared session data, because Maven gives each module of a
 * {@code -T} build its own copy of the session.
 */
final class DeferredPushes {
  private static final String KEY = DeferredPushes.class.getName();
  private static final String PLUGIN_KEY = "io.github.ecrmaven:ecr-maven-plugin";

  /** One module's deferred publication. */
  record Deferred(String projectId, PublishRequest request) {}

  /** The state of the reactor that a module meets when it reaches {@code ecr:push}. */
  record Arrival(int arrived, int expected, Optional<List<Deferred>> toPublish, List<String> neverArriving) {}

  private final Set<String> expected;
  private final Set<String> arrived = new LinkedHashSet<>();
  private final List<Deferred> pending = new ArrayList<>();

  private DeferredPushes(Set<String> expected) {
    this.expected = expected;
  }

  /** Returns the build's instance, created on first use from the reactor's projects. */
  static DeferredPushes of(MavenSession session) {
    SessionData data = session.getRepositorySession().getData();
    while (true) {
      Object existing = data.get(KEY);
      if (existing instanceof DeferredPushes pushes) {
        return pushes;
      }
      DeferredPushes created = new DeferredPushes(projectsRunningPush(session));
      if (data.set(KEY, existing, created)) {
        return created;
      }
    }
  }

  /**
   * Records that a project reached {@code ecr:push}, with its publication unless it skipped it. The
   * last expected project gets every deferred publication, in reactor order, to run them.
   *
   * @param finished the projects of the reactor whose build has ended, to find expected projects that
   *     ended without reaching the goal
   */
  synchronized Arrival arrive(String projectId, Optional<PublishRequest> request, Set<String> finished) {
    arrived.add(projectId);
    request.ifPresent(publication -> pending.add(new Deferred(projectId, publication)));
    List<String> missing = expected.stream().filter(id -> !arrived.contains(id)).toList();
    if (missing.isEmpty()) {
      // In a -T build the modules arrive in any order; they are pushed in the reactor's order.
      List<String> order = List.copyOf(expected);
      List<Deferred> all = pending.stream()
          .sorted(java.util.Comparator.comparingInt(deferred -> order.indexOf(deferred.projectId())))
          .toList();
      pending.clear();
      return new Arrival(arrived.size(), expected.size(), Optional.of(all), List.of());
    }
    List<String> neverArriving = missing.stream().filter(finished::contains).toList();
    return new Arrival(arrived.size(), expected.size(), Optional.empty(), neverArriving);
  }

  /**
   * Returns the reactor projects that run {@code ecr:push}: all of them when the command line names
   * the goal, else those whose POM binds it in an execution.
   */
  static Set<String> projectsRunningPush(MavenSession session) {
    boolean onCommandLine = session.getGoals().stream().anyMatch(DeferredPushes::isPushGoal);
    Set<String> projects = new LinkedHashSet<>();
    for (MavenProject project : session.getProjects()) {
      if (onCommandLine || bindsPush(project)) {
        projects.add(project.getId());
      }
    }
    return projects;
  }

  private static boolean isPushGoal(String goal) {
    return goal.equals("ecr:push") || (goal.startsWith(PLUGIN_KEY + ":") && goal.endsWith(":push"));
  }

  private static boolean bindsPush(MavenProject project) {
    for (Plugin plugin : project.getBuildPlugins()) {
      if (plugin.getKey().equals(PLUGIN_KEY)) {
        for (PluginExecution execution : plugin.getExecutions()) {
          if (execution.getGoals().contains("push")) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
