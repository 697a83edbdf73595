package io.github.ecrmaven.maven;

import java.util.List;
import java.util.Map;

/**
 * The {@code <container>} parameter: what the container runs and how (main class, JVM flags, arguments,
 * entrypoint, user, working directory, WAR application root), what it declares (ports, environment,
 * labels, volumes), its creation time and its format.
 */
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

  /**
   * The command the container starts, replacing {@code java <jvmFlags> -cp ... <mainClass>} (property
   * {@code ecr.container.entrypoint}, comma-separated). {@code INHERIT} alone keeps the base image's
   * entrypoint, and its arguments too unless {@code <args>} is set; a base image with neither an entrypoint
   * nor a command then fails the build before a layer is pushed or the tarball written. With an entrypoint,
   * {@code <mainClass>} and {@code <jvmFlags>} are not used. Default: the Java command, and for {@code war}
   * packaging the base image's entrypoint.
   *
   * @since 0.1.0
   */
  List<String> entrypoint;

  /**
   * The user the container runs as: a user name or UID, optionally followed by {@code :} and a group name
   * or GID, such as {@code nobody} or {@code 1000:1000} (property {@code ecr.container.user}). Default:
   * the base image's user.
   *
   * @since 0.1.0
   */
  String user;

  /**
   * The container's working directory, an absolute path such as {@code /srv/app} (property
   * {@code ecr.container.workingDirectory}). Default: the base image's.
   *
   * @since 0.1.0
   */
  String workingDirectory;

  /**
   * Absolute paths in the container declared as volumes, such as {@code /var/lib/app} (property
   * {@code ecr.container.volumes}, comma-separated). Default: none besides the base image's.
   *
   * @since 0.1.0
   */
  List<String> volumes;

  /**
   * The image format, {@code Docker} or {@code OCI} (property {@code ecr.container.format}), for the
   * pushed image and the {@code ecr:build} tarball. Default: {@code Docker}.
   *
   * @since 0.1.0
   */
  String format;

  /**
   * The directory of the image that receives the exploded WAR of a project with {@code war} packaging
   * (property {@code ecr.container.appRoot}), an absolute path. Default:
   * {@code /usr/local/tomcat/webapps/ROOT}, where the official {@code tomcat} images serve the application
   * at the context path {@code /}. For a Jetty base image use {@code /var/lib/jetty/webapps/ROOT}.
   * Rejected for other packagings.
   *
   * @since 0.1.0
   */
  String appRoot;

  /**
   * The standard {@code org.opencontainers.image.*} labels to leave out (property
   * {@code ecr.container.skipStandardLabels}, comma-separated): {@code all}, or some of {@code title},
   * {@code description}, {@code version}, {@code source}, {@code vendor}, {@code licenses},
   * {@code created} and {@code revision}. Default: none, so every label the POM gives a value is added.
   *
   * @since 0.1.0
   */
  List<String> skipStandardLabels;
}
