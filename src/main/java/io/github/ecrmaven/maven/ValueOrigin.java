package io.github.ecrmaven.maven;

import java.util.List;
import java.util.Optional;
import org.apache.maven.model.InputLocation;
import org.apache.maven.model.InputLocationTracker;
import org.apache.maven.project.MavenProject;

/**
 * Finds the POM that declared a model value, from the source location Maven records for each value, and separates
 * the project's own values from those inherited from a third-party parent.
 *
 * <p>A value is the project's own when its POM is the project's POM, or when that POM's groupId shares the
 * organization prefix of the project's groupId: its first two segments ({@code com.example}), or its first
 * three under code-hosting namespaces such as {@code io.github}, where the third segment is the owner.
 */
final class ValueOrigin {
  /** groupId prefixes that many unrelated owners share, so the owner is the next segment. */
  private static final List<String> HOSTING_NAMESPACES =
      List.of("io.github", "com.github", "io.gitlab", "com.gitlab", "org.bitbucket", "io.bitbucket");

  private ValueOrigin() {}

  /**
   * Returns the model id ({@code groupId:artifactId:version}) of the third-party POM that declared a value, or
   * empty when the project or its own organization declared it, or when Maven recorded no location.
   *
   * @param tracker the model element that contains the value, such as the model or its {@code <scm>}
   * @param key the value's element name, such as {@code description}
   */
  static Optional<String> thirdPartySource(MavenProject project, InputLocationTracker tracker, String key) {
    InputLocation location = tracker == null ? null : tracker.getLocation(key);
    if (location == null || location.getSource() == null || location.getSource().getModelId() == null) {
      return Optional.empty();
    }
    String modelId = location.getSource().getModelId();
    String ownId = project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
    String groupId = modelId.split(":", 2)[0];
    if (modelId.equals(ownId) || organization(groupId).equals(organization(project.getGroupId()))) {
      return Optional.empty();
    }
    return Optional.of(modelId);
  }

  /** Returns the organization prefix of a groupId, as the class comment defines it. */
  static String organization(String groupId) {
    if (groupId == null) {
      return "";
    }
    String[] segments = groupId.split("\\.");
    int length = HOSTING_NAMESPACES.stream().anyMatch(namespace -> groupId.startsWith(namespace + ".")) ? 3 : 2;
    if (segments.length <= length) {
      return groupId;
    }
    return String.join(".", List.of(segments).subList(0, length));
  }
}
