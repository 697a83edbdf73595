package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.github.ecrmaven.image.ExtraDirectories.ExtraDirectory;
import io.github.ecrmaven.image.ExtraDirectories.PermissionRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the extra directories into one image layer. Each file and subdirectory below a directory gets
 * an entry at its path below {@code into}, the fixed modification time Jib gives application files, and
 * the mode of the last permission rule whose glob matches its container path, else the default file or
 * directory mode.
 *
 * <p>Jib Core 0.28.1 also writes {@code into} and every directory above it into the layer, with mode
 * 755, owner root and the same fixed time, unless the layer has its own entry for that directory. Those
 * entries replace the base image's directories when the container's file system is assembled. A
 * permission rule that matches {@code into} or a directory above it gives that directory an entry with
 * the rule's mode instead. {@link StickyDirectories} rejects the directories whose base mode Jib cannot
 * write.
 */
final class ExtraFilesLayer {
  static final String LAYER_NAME = "extra files";

  private ExtraFilesLayer() {}

  /**
   * Returns the layer, or empty when no extra directory is configured.
   *
   * @throws IOException when a directory cannot be listed
   */
  static Optional<FileEntriesLayer> build(ExtraDirectories directories) throws IOException {
    if (directories.paths().isEmpty()) {
      return Optional.empty();
    }
    List<CompiledRule> rules = new ArrayList<>();
    for (PermissionRule rule : directories.permissions()) {
      rules.add(new CompiledRule(globToRegex(rule.pathGlob()), FilePermissions.fromOctalString(rule.mode())));
    }
    FilePermissions fileMode = FilePermissions.fromOctalString(directories.fileMode());
    FilePermissions directoryMode = FilePermissions.fromOctalString(directories.directoryMode());

    List<FileEntry> entries = new ArrayList<>();
    for (ExtraDirectory directory : directories.paths()) {
      List<Path> sources = listBelow(directory.from());
      if (sources.isEmpty()) {
        continue;
      }
      // NOTE: the base image's modes and owners of these directories are not read, because that would
      // download its layers. A directory that the base image gives another mode or owner, such as a user's
      // home directory, becomes root's with mode 755 unless a rule names it, and no rule sets an owner.
      for (String above : directoriesDownTo(directory.into())) {
        Optional<FilePermissions> ruleMode = ruleMode(above, rules);
        if (ruleMode.isPresent()) {
          entries.add(new FileEntry(directory.from(), AbsoluteUnixPath.get(above), ruleMode.get(),
              FileEntriesLayer.DEFAULT_MODIFICATION_TIME));
        }
      }
      AbsoluteUnixPath into = AbsoluteUnixPath.get(directory.into());
      for (Path source : sources) {
        AbsoluteUnixPath target = into.resolve(directory.from().relativize(source));
        FilePermissions defaultMode = Files.isDirectory(source) ? directoryMode : fileMode;
        entries.add(new FileEntry(source, target, ruleMode(target.toString(), rules).orElse(defaultMode),
            FileEntriesLayer.DEFAULT_MODIFICATION_TIME));
      }
    }

    // Jib keeps the first entry for a path, and adds a directory above an entry only when no entry for
    // that directory came before. Sorting by path puts every directory's own entry ahead of the entries
    // below it. The sort is stable, so of two entries for one path the earlier extra directory's wins.
    entries.sort(Comparator.comparing(entry -> entry.getExtractionPath().toString()));
    return Optional.of(FileEntriesLayer.builder().setName(LAYER_NAME).setEntries(entries).build());
  }

  /**
   * Returns the container paths that the layer gets an entry for: every file and directory below an extra
   * directory, and {@code into} with each directory above it, for the extra directories that are not
   * empty.
   *
   * @throws IOException when a directory cannot be listed
   */
  static Set<String> containerPaths(ExtraDirectories directories) throws IOException {
    Set<String> paths = new TreeSet<>();
    for (ExtraDirectory directory : directories.paths()) {
      List<Path> sources = listBelow(directory.from());
      if (sources.isEmpty()) {
        continue;
      }
      paths.addAll(directoriesDownTo(directory.into()));
      AbsoluteUnixPath into = AbsoluteUnixPath.get(directory.into());
      for (Path source : sources) {
        paths.add(into.resolve(directory.from().relativize(source)).toString());
      }
    }
    return paths;
  }

  /**
   * Returns the directories that Jib adds above the files of an extra directory: {@code into} and each
   * directory above it, without {@code /}, from the top down. For {@code /opt/app} they are
   * {@code /opt} and {@code /opt/app}.
   */
  static List<String> directoriesDownTo(String into) {
    List<String> directories = new ArrayList<>();
    String path = containerPath(into);
    for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
      directories.add(path.substring(0, slash));
    }
    if (!path.equals("/")) {
      directories.add(path);
    }
    return directories;
  }

  /** Returns the container path as Jib writes it, without repeated or trailing slashes. */
  static String containerPath(String path) {
    return AbsoluteUnixPath.get(path).toString();
  }

  private static Optional<FilePermissions> ruleMode(String containerPath, List<CompiledRule> rules) {
    FilePermissions mode = null;
    for (CompiledRule rule : rules) {
      if (rule.glob().matcher(containerPath).matches()) {
        mode = rule.mode();
      }
    }
    return Optional.ofNullable(mode);
  }

  /** Lists every file and directory below {@code directory}, without the directory itself, sorted. */
  private static List<Path> listBelow(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(file -> !file.equals(directory)).sorted().collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Translates a glob over container paths into a regular expression: {@code **} matches any characters,
   * {@code *} any characters but {@code /}, and {@code ?} one character but {@code /}. Container paths
   * always use {@code /}, so the translation does not depend on the build machine's file system.
   */
  static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private record CompiledRule(Pattern glob, FilePermissions mode) {}
}
