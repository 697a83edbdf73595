package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.BaseImageCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves {@code <baseImageCache>} ({@code ecr.baseImageCache}) to a directory that exists and is
 * writable, so that a bad value fails the build before any AWS or registry call.
 */
final class BaseImageCacheParameter {
  static final String PROPERTY = "ecr.baseImageCache";
  private static final String PARAMETER = "<baseImageCache> (" + PROPERTY + ")";

  private BaseImageCacheParameter() {}

  /**
   * Returns the base image cache directory, created when missing.
   *
   * @param pomValue the POM's {@code <baseImageCache>}, or null
   * @param projectDirectory the directory that a relative path is resolved against
   * @param defaultDirectory the directory to use when nothing sets the parameter, Jib's default in a build
   * @throws ConfigurationException when the path is invalid, names a file, or cannot be created or written
   */
  static Path resolve(ParameterLookup lookup, String pomValue, Path projectDirectory, Path defaultDirectory)
      throws ConfigurationException {
    String value = lookup.string(PROPERTY, pomValue, null);
    Path directory;
    if (value == null || value.isBlank()) {
      directory = defaultDirectory;
    } else {
      try {
        directory = projectDirectory.resolve(value.trim()).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        throw new ConfigurationException("Invalid " + PARAMETER + " '" + value + "': " + e.getReason()
            + ". Set it to a directory path, absolute or relative to the project directory.", e);
      }
    }
    boolean configured = value != null && !value.isBlank();
    check(directory, configured ? "Invalid " + PARAMETER + " '" + directory + "'"
        : "Invalid base image cache '" + directory + "' (Jib's default location)");
    return directory;
  }

  /** Resolves the parameter with Jib's default location as the default. */
  static Path resolve(ParameterLookup lookup, String pomValue, Path projectDirectory) throws ConfigurationException {
    return resolve(lookup, pomValue, projectDirectory, BaseImageCache.DEFAULT_DIRECTORY);
  }

  /** Checks the directory; {@code invalid} starts each message and names the parameter or the default. */
  private static void check(Path directory, String invalid) throws ConfigurationException {
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new ConfigurationException(invalid + ": it is a file, not a"
          + " directory. Set " + PARAMETER + " to a directory, which is created when missing.");
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ConfigurationException(invalid + ": the directory cannot be"
          + " created (" + e + "). Set " + PARAMETER + " to a directory this build may create or write.", e);
    }
    if (!Files.isWritable(directory)) {
      throw new ConfigurationException(invalid + ": the directory is not"
          + " writable. Set " + PARAMETER + " to a directory this build may write.");
    }
  }
}
