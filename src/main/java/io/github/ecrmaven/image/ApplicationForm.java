package io.github.ecrmaven.image;

import java.nio.file.Path;

/**
 * The form in which the application's own files go into the image, resolved from the containerizing
 * mode and the project's packaging.
 */
public sealed interface ApplicationForm {

  /** The compiled classes and resources of the output directory, beside the dependency jars. */
  record ExplodedClasses() implements ApplicationForm {}

  /**
   * The jar the project built, run with its runtime dependencies on the class path.
   *
   * @param jar the project's jar file, which exists
   */
  record PackagedJar(Path jar) implements ApplicationForm {}

  /**
   * A Spring Boot executable jar, unpacked into {@link SpringBootJar#APP_ROOT} in one layer per layer of
   * its index, and started by its launcher.
   */
  record SpringBootExecutableJar(SpringBootJar jar) implements ApplicationForm {}

  /**
   * The exploded WAR, copied into the servlet container's application directory. The base image's
   * entrypoint runs the server.
   *
   * @param directory the exploded WAR directory the maven-war-plugin wrote, such as {@code target/app-1.0}
   * @param appRoot the absolute directory in the image that receives its contents
   */
  record ExplodedWar(Path directory, String appRoot) implements ApplicationForm {}
}
