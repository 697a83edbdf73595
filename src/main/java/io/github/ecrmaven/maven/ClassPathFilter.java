package io.github.ecrmaven.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.artifact.Artifact;

/**
 * Decides which runtime dependencies stay off the image's class path, as Spring Boot's own packaging
 * does: optional dependencies, unless the project requests them, and development-only tools. An image
 * that carries {@code spring-boot-devtools} runs it in production, with its live-reload server listening
 * on every interface, and {@code spring-boot-docker-compose} would try to start containers.
 */
final class ClassPathFilter {
  /** The development-only tools, as {@code groupId:artifactId}, that never go into an image. */
  static final Set<String> DEVELOPMENT_TOOLS =
      Set.of("org.springframework.boot:spring-boot-devtools", "org.springframework.boot:spring-boot-docker-compose");

  private final boolean includeOptional;
  private final List<String> leftOut = new ArrayList<>();
  private boolean optionalLeftOut;

  /** @param includeOptional whether optional dependencies go on the class path */
  ClassPathFilter(boolean includeOptional) {
    this.includeOptional = includeOptional;
  }

  /** Returns whether the artifact goes on the class path, and records it when it does not. */
  boolean accepts(Artifact artifact) {
    Optional<String> reason = reasonToLeaveOut(artifact);
    reason.ifPresent(text -> leftOut.add(artifact.getGroupId() + ":" + artifact.getArtifactId() + ":"
        + artifact.getVersion() + " (" + text + ")"));
    return reason.isEmpty();
  }

  private Optional<String> reasonToLeaveOut(Artifact artifact) {
    if (DEVELOPMENT_TOOLS.contains(artifact.getGroupId() + ":" + artifact.getArtifactId())) {
      return Optional.of("development-only tool");
    }
    if (artifact.isOptional() && !includeOptional) {
      optionalLeftOut = true;
      return Optional.of("optional");
    }
    return Optional.empty();
  }

  /** Returns the info line that lists the dependencies left out so far, or empty when there are none. */
  Optional<String> summary() {
    if (leftOut.isEmpty()) {
      return Optional.empty();
    }
    String summary = "Left out of the image's class path, as Spring Boot's packaging does: " + String.join(", ", leftOut);
    if (optionalLeftOut) {
      summary += ". Set <includeOptionalDependencies> (ecr.includeOptionalDependencies) to true to add optional"
          + " dependencies.";
    }
    return Optional.of(summary);
  }
}
