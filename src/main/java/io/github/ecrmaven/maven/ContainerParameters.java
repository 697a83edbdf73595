package io.github.ecrmaven.maven;

import java.util.List;
import java.util.Map;

/** The {@code <container>} parameter: the container's main class, JVM flags, arguments, ports, environment and labels. */
public class ContainerParameters {
  /**
   * The fully qualified main class (property {@code ecr.container.mainClass}). Default: the
   * maven-jar-plugin's {@code <archive><manifest><mainClass>}, else the single class with a
   * {@code main} method among the compiled classes.
   *
   * @since 0.1.0
   */
  String mainClass;

  /**
   * Flags for the JVM, such as {@code -Xmx512m} (property {@code ecr.container.jvmFlags},
   * comma-separated).
   *
   * @since 0.1.0
   */
  List<String> jvmFlags;

  /**
   * Program arguments passed to the main class (property {@code ecr.container.args}, comma-separated).
   *
   * @since 0.1.0
   */
  List<String> args;

  /**
   * Ports the container exposes, such as {@code 8080}, {@code 8443/tcp} or {@code 9000-9002/udp}
   * (property {@code ecr.container.ports}, comma-separated).
   *
   * @since 0.1.0
   */
  List<String> ports;

  /**
   * Environment variables of the container (property {@code ecr.container.environment}, as
   * {@code KEY=value,OTHER=value}).
   *
   * @since 0.1.0
   */
  Map<String, String> environment;

  /**
   * Image labels (property {@code ecr.container.labels}, as {@code key=value,other=value}).
   *
   * @since 0.1.0
   */
  Map<String, String> labels;

  /**
   * The image's creation time (property {@code ecr.container.creationTime}): {@code EPOCH}, an ISO 8601
   * date and time, or {@code USE_CURRENT_TIMESTAMP}, which changes the digest on every build. Default: the
   * project's {@code project.build.outputTimestamp}, else the epoch.
   *
   * @since 0.1.0
   */
  String creationTime;
}
