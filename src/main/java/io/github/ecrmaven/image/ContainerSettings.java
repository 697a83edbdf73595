package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ecrmaven.ConfigurationException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container settings of the application image, named as in Jib: main class, JVM flags, program
 * arguments, exposed ports, environment, labels, entrypoint, user, working directory, volumes and the
 * manifest format.
 *
 * @param mainClass the configured main class, or empty to find it
 * @param jvmFlags flags passed to {@code java} before the main class
 * @param args program arguments passed after the main class or a configured entrypoint. With an inherited
 *     entrypoint, an empty list keeps the base image's arguments too.
 * @param ports exposed ports, such as {@code 8080}, {@code 8080/udp} or {@code 9000-9002}
 * @param environment environment variables of the container
 * @param labels image labels
 * @param creationTime the image's creation time, or empty for the time of the build, which changes the
 *     digest on every build
 * @param entrypoint the command that replaces {@code java ... <mainClass>}, {@link #INHERIT} alone to
 *     keep the base image's entrypoint, or empty for the Java command
 * @param user the user the container runs as, a name or UID, optionally with a group or GID after a
 *     colon, or empty to keep the base image's user
 * @param workingDirectory the absolute working directory in the container; empty keeps the base image's
 * @param volumes absolute paths in the container that are declared as volumes
 * @param format the manifest and configuration format
 * @param platforms the platforms to build for, such as {@code linux/arm64}, or empty for Jib's default,
 *     linux/amd64; more than one gives an image index
 */
public record ContainerSettings(
    Optional<String> mainClass,
    List<String> jvmFlags,
    List<String> args,
    List<String> ports,
    Map<String, String> environment,
    Map<String, String> labels,
    Optional<Instant> creationTime,
    List<String> entrypoint,
    Optional<String> user,
    Optional<String> workingDirectory,
    List<String> volumes,
    ImageFormat format,
    List<String> platforms) {

  /** The entrypoint value that keeps the base image's entrypoint, as in Jib. */
  public static final String INHERIT = "INHERIT";

  private static final Pattern CLASS_NAME =
      Pattern.compile("(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*\\.)*"
          + "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");
  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern PORT =
      Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?(/(tcp|udp))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern USER_OR_GROUP = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+/[a-z0-9]+");

  /** Creates settings for Jib's default platform, linux/amd64, or the base image's only platform. */
  public ContainerSettings(
      Optional<String> mainClass,
      List<String> jvmFlags,
      List<String> args,
      List<String> ports,
      Map<String, String> environment,
      Map<String, String> labels,
      Optional<Instant> creationTime,
      List<String> entrypoint,
      Optional<String> user,
      Optional<String> workingDirectory,
      List<String> volumes,
      ImageFormat format) {
    this(mainClass, jvmFlags, args, ports, environment, labels, creationTime, entrypoint, user, workingDirectory,
        volumes, format, List.of());
  }

  /**
   * Creates settings whose image runs the Java command, has the fixed creation time of the epoch, as
   * Jib's default, and keeps the base image's user and working directory, in Docker format.
   */
  public ContainerSettings(
      Optional<String> mainClass,
      List<String> jvmFlags,
      List<String> args,
      List<String> ports,
      Map<String, String> environment,
      Map<String, String> labels) {
    this(mainClass, jvmFlags, args, ports, environment, labels, Optional.of(Instant.EPOCH), List.of(),
        Optional.empty(), Optional.empty(), List.of(), ImageFormat.Docker);
  }

  public ContainerSettings {
    jvmFlags = List.copyOf(jvmFlags);
    args = List.copyOf(args);
    ports = List.copyOf(ports);
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    entrypoint = List.copyOf(entrypoint);
    volumes = List.copyOf(volumes);
    platforms = List.copyOf(platforms);
  }

  /** Returns these settings with {@code command} as the entrypoint. */
  public ContainerSettings withEntrypoint(List<String> command) {
    return new ContainerSettings(mainClass, jvmFlags, args, ports, environment, labels, creationTime, command, user,
        workingDirectory, volumes, format, platforms);
  }

  /**
   * Returns these settings with the platforms of {@code <from><platforms>}.
   *
   * @throws ConfigurationException when a platform is not {@code os/architecture} or is named twice
   */
  public ContainerSettings withPlatforms(List<String> platformNames) throws ConfigurationException {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String platform : platformNames) {
      if (platform.chars().filter(c -> c == '/').count() == 2) {
        throw new ConfigurationException("Invalid platform '" + platform + "' in <from><platforms>"
            + " (ecr.from.platforms): Jib Core selects a platform by operating system and architecture only, so"
            + " remove the variant, as in linux/arm64.");
      }
      if (!PLATFORM.matcher(platform).matches()) {
        throw new ConfigurationException("Invalid platform '" + platform + "' in <from><platforms>"
            + " (ecr.from.platforms): give the operating system and the architecture, in lowercase, such as"
            + " linux/amd64 or linux/arm64.");
      }
      if (!seen.add(platform)) {
        throw new ConfigurationException("Platform '" + platform + "' appears twice in <from><platforms>"
            + " (ecr.from.platforms): name each platform once.");
      }
    }
    return new ContainerSettings(mainClass, jvmFlags, args, ports, environment, labels, creationTime, entrypoint,
        user, workingDirectory, volumes, format, platformNames);
  }

  /** Returns whether the image runs {@code java ... <mainClass>}, that is, no entrypoint is configured. */
  public boolean runsMainClass() {
    return entrypoint.isEmpty();
  }

  /** Returns whether the image keeps the base image's entrypoint. */
  public boolean inheritsEntrypoint() {
    return entrypoint.size() == 1 && entrypoint.get(0).trim().equalsIgnoreCase(INHERIT);
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
    JvmFlags.check(jvmFlags);
    for (String port : ports) {
      checkPort(port);
    }
    for (String name : environment.keySet()) {
      if (!ENVIRONMENT_NAME.matcher(name).matches()) {
        throw new ConfigurationException(
            "Invalid environment variable name '" + name + "' in <container><environment>"
                + " (ecr.container.environment): use letters, digits, '_', '.' and '-', starting with a letter or"
                + " '_', such as JAVA_TOOL_OPTIONS or spring.profiles.active.");
      }
    }
    for (String key : labels.keySet()) {
      validateLabelKey(key);
    }
    validateEntrypoint();
    validateUser();
    if (workingDirectory.isPresent()) {
      checkAbsolutePath(workingDirectory.get(), "<container><workingDirectory> (ecr.container.workingDirectory)");
    }
    for (String volume : volumes) {
      checkAbsolutePath(volume, "<container><volumes> (ecr.container.volumes)");
      if (volume.matches("/+")) {
        throw new ConfigurationException(
            "Invalid volume '" + volume + "' in <container><volumes> (ecr.container.volumes): the root directory"
                + " cannot be a volume, because the volume would cover the whole file system of the image, and podman,"
                + " for one, then cannot start the container. Give the directory of the data, such as /data.");
      }
    }
    return this;
  }

  /**
   * Rejects an empty label key and one with whitespace or a control character, such as the key that a stray
   * space in {@code -Decr.container.labels} gives.
   */
  private static void validateLabelKey(String key) throws ConfigurationException {
    if (key.isEmpty()) {
      throw new ConfigurationException(
          "Empty label key in <container><labels> (ecr.container.labels): give each label a key, such as"
              + " com.example.team.");
    }
    boolean valid = key.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
        || Character.isISOControl(c));
    if (!valid) {
      throw new ConfigurationException(
          "Invalid label key '" + printable(key) + "' in <container><labels> (ecr.container.labels): a key must not"
              + " contain whitespace or control characters. Use a name such as com.example.team, with dots or"
              + " hyphens between words.");
    }
  }

  /** Returns the text with tab, line breaks and other control characters written as Java string escapes. */
  private static String printable(String text) {
    StringBuilder printable = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (c == '\t') {
        printable.append("\\t");
      } else if (c == '\n') {
        printable.append("\\n");
      } else if (c == '\r') {
        printable.append("\\r");
      } else if (Character.isISOControl(c)) {
        printable.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        printable.appendCodePoint(c);
      }
    });
    return printable.toString();
  }

  private void validateEntrypoint() throws ConfigurationException {
    for (String part : entrypoint) {
      if (part == null || part.isBlank()) {
        throw new ConfigurationException(
            "Empty element in <container><entrypoint> (ecr.container.entrypoint) " + entrypoint + ": give the"
                + " command and each of its arguments as one non-empty element, or INHERIT alone to keep the"
                + " base image's entrypoint.");
      }
      if (entrypoint.size() > 1 && part.trim().toUpperCase(Locale.ROOT).equals(INHERIT)) {
        throw new ConfigurationException(
            "Invalid <container><entrypoint> (ecr.container.entrypoint) " + entrypoint + ": INHERIT keeps the"
                + " base image's entrypoint and must be the only element. Remove the other elements, or"
                + " remove INHERIT to set the whole command.");
      }
    }
  }

  private void validateUser() throws ConfigurationException {
    if (user.isEmpty()) {
      return;
    }
    String[] parts = user.get().split(":", -1);
    boolean valid = parts.length <= 2;
    for (String part : parts) {
      valid = valid && USER_OR_GROUP.matcher(part).matches();
    }
    if (!valid) {
      throw new ConfigurationException(
          "Invalid <container><user> (ecr.container.user) '" + user.get() + "': give a user name or UID,"
              + " optionally followed by ':' and a group name or GID, such as nobody, 1000 or 1000:1000.");
    }
  }

  private static void checkAbsolutePath(String path, String parameter) throws ConfigurationException {
    if (!path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0) {
      throw new ConfigurationException(
          "Invalid path '" + path + "' in " + parameter + ": give an absolute path in the container, starting"
              + " with '/' and using '/' as the separator, such as /srv/app.");
    }
  }

  /** Rejects an invalid port, and explains a reversed range. The protocol may be in any case. */
  private static void checkPort(String port) throws ConfigurationException {
    String prefix = "Invalid port '" + port + "' in <container><ports> (ecr.container.ports): ";
    String rule = "use a number from 1 to 65535, optionally a range and the protocol tcp or udp, such as 8080,"
        + " 8080/udp or 9000-9002.";
    Matcher matcher = PORT.matcher(port);
    if (!matcher.matches()) {
      throw new ConfigurationException(prefix + rule);
    }
    int low = Integer.parseInt(matcher.group(1));
    int high = matcher.group(2) == null ? low : Integer.parseInt(matcher.group(2));
    if (low < 1 || high > 65535) {
      throw new ConfigurationException(prefix + rule);
    }
    if (low > high) {
      throw new ConfigurationException(prefix + "the range starts above its end. Give the lower port first,"
          + " such as " + high + "-" + low + (matcher.group(3) == null ? "" : matcher.group(3)) + ".");
    }
  }
}
