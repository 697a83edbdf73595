package io.github.ecrmaven.image;

import io.github.ecrmaven.ConfigurationException;
import java.util.Locale;

/**
 * The way the application goes into the image, as {@code <containerizingMode>} names it.
 *
 * <p>{@link #EXPLODED} copies the compiled classes, resources and dependency jars as separate layers and
 * runs the main class from that class path. {@link #PACKAGED} copies the jar the project built, with its
 * runtime dependencies beside it, or a Spring Boot executable jar split along its layers. A project with
 * {@code war} packaging always goes in as an exploded WAR, so only {@link #EXPLODED} fits it.
 */
public enum ContainerizingMode {
  EXPLODED,
  PACKAGED;

  /** The parameter and property, for messages. */
  public static final String PARAMETER = "<containerizingMode> (ecr.containerizingMode)";

  /**
   * Parses a {@code <containerizingMode>} value, case-insensitively; null or blank is {@link #EXPLODED}.
   *
   * @throws ConfigurationException naming the parameter, the rejected value and the accepted ones
   */
  public static ContainerizingMode parse(String value) throws ConfigurationException {
    if (value == null || value.isBlank()) {
      return EXPLODED;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "exploded":
        return EXPLODED;
      case "packaged":
        return PACKAGED;
      default:
        throw new ConfigurationException(
            "Invalid " + PARAMETER + " '" + value + "': use exploded (the default: classes, resources and"
                + " dependencies as separate layers) or packaged (the project's jar with its dependencies, or a"
                + " Spring Boot executable jar along its layers).");
    }
  }

  /** Returns the value as written in a POM. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
