package io.github.ecrmaven.image;

import io.github.ecrmaven.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Directories of the project whose files are copied into the image, in one layer above the application,
 * with the permissions to give them.
 *
 * @param paths the directories and where each goes in the image
 * @param permissions modes for container paths that match a glob; the last matching rule wins
 * @param fileMode the octal mode of files that no rule matches, such as {@code 644}
 * @param directoryMode the octal mode of directories that no rule matches, such as {@code 755}
 */
public record ExtraDirectories(
    List<ExtraDirectory> paths, List<PermissionRule> permissions, String fileMode, String directoryMode) {

  /** The mode of files that no rule matches, as in Jib. */
  public static final String DEFAULT_FILE_MODE = "644";

  /** The mode of directories that no rule matches, as in Jib. */
  public static final String DEFAULT_DIRECTORY_MODE = "755";

  private static final Pattern OCTAL_MODE = Pattern.compile("[0-7]{3}");

  /** Four octal digits, as in {@code 1777}, whose first digit sets the setuid, setgid and sticky bits. */
  private static final Pattern SPECIAL_BITS_MODE = Pattern.compile("[0-7]{4}");

  public ExtraDirectories {
    paths = List.copyOf(paths);
    permissions = List.copyOf(permissions);
  }

  /** Returns the setting that copies nothing. */
  public static ExtraDirectories none() {
    return new ExtraDirectories(List.of(), List.of(), DEFAULT_FILE_MODE, DEFAULT_DIRECTORY_MODE);
  }

  /**
   * A directory of the project and the absolute path in the image that receives its contents.
   *
   * @param from the directory on the build machine
   * @param into the absolute container path its files and subdirectories are copied into
   */
  public record ExtraDirectory(Path from, String into) {}

  /**
   * A mode for the container paths that match a glob.
   *
   * @param pathGlob an absolute container path in which {@code *} matches within one path element,
   *     {@code **} across elements and {@code ?} one character, such as {@code /opt/app/bin/*}
   * @param mode the octal mode, such as {@code 755}
   */
  public record PermissionRule(String pathGlob, String mode) {}

  /**
   * Checks that every directory exists and Jib can read all its files, every target and glob is an
   * absolute container path, every mode is three octal digits, and no directory would replace the base
   * image's {@code /tmp} or {@code /var/tmp}.
   *
   * @throws ConfigurationException naming the parameter, its property and the rejected value
   */
  public ExtraDirectories validate() throws ConfigurationException {
    for (ExtraDirectory path : paths) {
      if (!Files.isDirectory(path.from())) {
        throw new ConfigurationException(
            "The extra directory " + path.from() + " from <extraDirectories><paths><path><from>"
                + " (ecr.extraDirectories.paths) " + (Files.exists(path.from()) ? "is not a directory" : "does not exist")
                + ". Give a directory, relative to the project directory or absolute, or remove the entry.");
      }
      ExtraFileAccess.check(path.from());
      if (!isAbsoluteContainerPath(path.into()) || hasDotElement(path.into())) {
        throw new ConfigurationException(
            "Invalid <extraDirectories><paths><path><into> (ecr.extraDirectories.paths) '" + path.into()
                + "' for " + path.from() + ": give an absolute path in the container, starting with '/' and"
                + " without . or .. elements, such as /opt/app/config.");
      }
    }
    for (PermissionRule rule : permissions) {
      if (!isAbsoluteContainerPath(rule.pathGlob())) {
        throw new ConfigurationException(
            "Invalid <extraDirectories><permissions><permission><file> (ecr.extraDirectories.permissions) '"
                + rule.pathGlob() + "': give an absolute path in the container, where * and ** match parts of"
                + " it, such as /opt/app/bin/*.");
      }
      checkMode(rule.mode(), "<extraDirectories><permissions><permission><mode> (ecr.extraDirectories.permissions)"
          + " for " + rule.pathGlob());
    }
    checkMode(fileMode, "<extraDirectories><fileMode> (ecr.extraDirectories.fileMode)");
    checkMode(directoryMode, "<extraDirectories><directoryMode> (ecr.extraDirectories.directoryMode)");
    StickyDirectories.check(this);
    return this;
  }

  /**
   * Returns the {@code <file>} globs of the permission rules that match no path the layer gets, neither
   * a copied file or directory nor {@code into} or a directory above it, in the configured order.
   *
   * @throws IOException when an extra directory cannot be listed
   */
  public List<String> unmatchedPermissions() throws IOException {
    Set<String> containerPaths = ExtraFilesLayer.containerPaths(this);
    List<String> unmatched = new ArrayList<>();
    for (PermissionRule rule : permissions) {
      Pattern glob = ExtraFilesLayer.globToRegex(rule.pathGlob());
      if (containerPaths.stream().noneMatch(path -> glob.matcher(path).matches())) {
        unmatched.add(rule.pathGlob());
      }
    }
    return unmatched;
  }

  private static void checkMode(String mode, String parameter) throws ConfigurationException {
    if (mode != null && SPECIAL_BITS_MODE.matcher(mode).matches()) {
      String rest = mode.substring(1);
      String problem = mode.startsWith("0")
          ? "a leading 0 is not part of the mode here. Give the last three digits, " + rest + "."
          : "the first of four digits sets the setuid, setgid and sticky bits, which Jib Core cannot write into a"
              + " layer. Give the last three digits, " + rest + ", which keep the permissions without those bits.";
      throw new ConfigurationException("Invalid mode '" + mode + "' in " + parameter + ": " + problem);
    }
    if (mode == null || !OCTAL_MODE.matcher(mode).matches()) {
      throw new ConfigurationException(
          "Invalid mode '" + mode + "' in " + parameter + ": give three octal digits for the owner, group and"
              + " others, such as 755 or 644.");
    }
  }

  /** Returns whether the path has a {@code .} or {@code ..} element, which Jib would write into the layer as is. */
  private static boolean hasDotElement(String path) {
    return Arrays.stream(path.split("/")).anyMatch(element -> element.equals(".") || element.equals(".."));
  }

  private static boolean isAbsoluteContainerPath(String path) {
    return path != null && path.startsWith("/") && !path.contains("\\") && path.indexOf('\0') < 0;
  }
}
