package io.github.ecrmaven.image;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ExtraDirectories.ExtraDirectory;
import io.github.ecrmaven.image.ExtraDirectories.PermissionRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rejects extra directories that would replace {@code /tmp} or {@code /var/tmp} of the base image.
 *
 * <p>Linux base images, such as Debian 12's, give both mode 1777: every user may create files there,
 * and the sticky bit lets only a file's owner delete it. Jib Core 0.28.1 cannot write that mode,
 * because the public factories of its {@code FilePermissions} take three octal digits or the nine POSIX
 * permissions only. It also writes an entry for every directory above a layer's files, with mode 755
 * and owner root unless the layer has its own entry for that directory. Files copied below
 * {@code /tmp} would therefore leave a {@code /tmp} in the image in which only root can create files,
 * and a process that runs as another user fails when it writes its temporary files. A permission rule
 * that names the directory is the user's explicit choice of a mode without the sticky bit, and lifts
 * the check.
 */
final class StickyDirectories {
  /** The directories that base images give mode 1777. */
  static final List<String> PATHS = List.of("/tmp", "/var/tmp");

  private static final String INTO_PARAMETER = "<extraDirectories><paths><path><into> (ecr.extraDirectories.paths)";

  private StickyDirectories() {}

  /**
   * Checks that no extra directory puts an entry for {@link #PATHS} into the layer, unless a permission
   * rule gives that directory its mode.
   *
   * @throws ConfigurationException naming the extra directory, the directory it would replace, the mode
   *     that directory would get and the fix
   */
  static void check(ExtraDirectories directories) throws ConfigurationException {
    for (ExtraDirectory directory : directories.paths()) {
      if (isEmpty(directory.from())) {
        // Without files Jib writes no entry, so the base image's directories stay as they are.
        continue;
      }
      String into = ExtraFilesLayer.containerPath(directory.into());
      for (String sticky : PATHS) {
        if (hasRule(sticky, directories.permissions())) {
          continue;
        }
        if (into.equals(sticky) || into.startsWith(sticky + "/")) {
          throw new ConfigurationException(
              "The extra directory " + directory.from() + " goes into '" + directory.into() + "' from " + INTO_PARAMETER
                  + ", so the image would get " + sticky + " with mode 755, owned by root, because Jib Core adds"
                  + " every directory above the copied files to the layer. " + consequence(sticky)
                  + " Copy the files into a directory of your own, such as /opt/app. " + optIn(sticky));
        }
        String prefix = into.equals("/") ? "/" : into + "/";
        if (sticky.startsWith(prefix) && Files.isDirectory(directory.from().resolve(sticky.substring(prefix.length())))) {
          String subdirectory = sticky.substring(prefix.length());
          throw new ConfigurationException(
              "The extra directory " + directory.from() + " has the subdirectory " + subdirectory + ", which goes to "
                  + sticky + " in the image with mode " + directories.directoryMode() + " from"
                  + " <extraDirectories><directoryMode> (ecr.extraDirectories.directoryMode), owned by root. "
                  + consequence(sticky) + " Move the files out of " + subdirectory + " into a directory of your own,"
                  + " such as opt/app, or change " + INTO_PARAMETER + " '" + directory.into() + "'. " + optIn(sticky));
        }
      }
    }
  }

  private static String consequence(String sticky) {
    return "Base images give " + sticky + " mode 1777 (writable by every user, with the sticky bit), which Jib Core"
        + " cannot write, so a process that runs as a non-root user in the container could no longer create files in "
        + sticky + ".";
  }

  private static String optIn(String sticky) {
    return "If the files must be below " + sticky + ", accept mode 777 without the sticky bit with"
        + " <permissions><permission><file>" + sticky + "</file><mode>777</mode></permission>.";
  }

  private static boolean hasRule(String containerPath, List<PermissionRule> rules) {
    return rules.stream()
        .anyMatch(rule -> ExtraFilesLayer.globToRegex(rule.pathGlob()).matcher(containerPath).matches());
  }

  /** Returns whether the directory has no entries; an unreadable one counts as not empty. */
  private static boolean isEmpty(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
