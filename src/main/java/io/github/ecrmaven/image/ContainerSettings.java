package io.github.ecrmaven.image;

import io.github.ecrmaven.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The container settings of the application image, named as in Jib: main class, JVM flags, program
 * arguments, exposed ports, environment and labels.
 *
 * @param mainClass the configured main class, or empty to find it
 * @param jvmFlags flags passed to {@code java} before the main class
 * @param args program arguments passed after the main class
 * @param ports exposed ports, such as {@code 8080}, {@code 8080/udp} or {@code 9000-9002}
 * @param environment environment variables of the container
 * @param labels image labels
 * @param creationTime the image's creation time, or empty for the time of the build, which changes the
 *     digest on every build
 */
public record ContainerSettings(
    Optional<String> mainClass,
    List<String> jvmFlags,
    List<String> args,
    List<String> ports,
    Map<String, String> environment,
    Map<String, String> labels,
    Optional<java.time.Instant> creationTime) {
  private static final Pattern CLASS_NAME =
      Pattern.compile("(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*\\.)*"
          + "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");
  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}(-[0-9]{1,5})?(/(tcp|udp))?");

  /** Creates settings whose image has the fixed creation time of the epoch, as Jib's default. */
  public ContainerSettings(
      Optional<String> mainClass,
      List<String> jvmFlags,
      List<String> args,
      List<String> ports,
      Map<String, String> environment,
      Map<String, String> labels) {
    this(mainClass, jvmFlags, args, ports, environment, labels, Optional.of(java.time.Instant.EPOCH));
  }

  public ContainerSettings {
    jvmFlags = List.copyOf(jvmFlags);
    args = List.copyOf(args);
    ports = List.copyOf(ports);
    environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /**
   * Checks every value that can be checked without building the image.
   *
   * @throws ConfigurationException naming the parameter and the rejected value
   */
  public ContainerSettings validate() throws ConfigurationException {
    if (mainClass.isPresent() && !CLASS_NAME.matcher(mainClass.get()).matches()) {
      throw new ConfigurationException(
          "Invalid <container><mainClass> (ecr.container.mainClass) '" + mainClass.get() + "': give a fully"
              + " qualified class name such as com.example.Application.");
    }
    for (String port : ports) {
      if (!isValidPort(port)) {
        throw new ConfigurationException(
            "Invalid port '" + port + "' in <container><ports> (ecr.container.ports): use a number from 1 to"
                + " 65535, optionally a range and a protocol, such as 8080, 8080/udp or 9000-9002.");
      }
    }
    for (String name : environment.keySet()) {
      if (!ENVIRONMENT_NAME.matcher(name).matches()) {
        throw new ConfigurationException(
            "Invalid environment variable name '" + name + "' in <container><environment>"
                + " (ecr.container.environment): use letters, digits and '_', not starting with a digit.");
      }
    }
    for (String name : labels.keySet()) {
      if (name.isBlank()) {
        throw new ConfigurationException(
            "Empty label name in <container><labels> (ecr.container.labels): give each label a key.");
      }
    }
    return this;
  }

  private static boolean isValidPort(String port) {
    if (!PORT.matcher(port).matches()) {
      return false;
    }
    String numbers = port.contains("/") ? port.substring(0, port.indexOf('/')) : port;
    String[] bounds = numbers.split("-");
    int low = Integer.parseInt(bounds[0]);
    int high = bounds.length > 1 ? Integer.parseInt(bounds[1]) : low;
    return low >= 1 && high <= 65535 && low <= high;
  }
}
