package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.github.ecrmaven.image.ExtraDirectories.ExtraDirectory;
import io.github.ecrmaven.image.ExtraDirectories.PermissionRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the extra directories into one image layer. Each file and subdirectory below a directory gets
 * an entry at its path below {@code into}, the fixed modification time Jib gives application files, and
 * the mode of the last permission rule whose glob matches its container path, else the default file or
 * directory mode. The directory itself gets no entry, so {@code into} and its parents keep the base
 * image's modes, or get mode 755 from Jib when the base image lacks them.
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

    // NOTE: Jib Core adds the parent directories of every entry with mode 755, so a parent that the base
    // image has with another mode, such as /tmp with 1777, gets 755 in the image.
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(LAYER_NAME);
    for (ExtraDirectory directory : directories.paths()) {
      AbsoluteUnixPath into = AbsoluteUnixPath.get(directory.into());
      for (Path source : listBelow(directory.from())) {
        AbsoluteUnixPath target = into.resolve(directory.from().relativize(source));
        FilePermissions defaultMode = Files.isDirectory(source) ? directoryMode : fileMode;
        layer.addEntry(source, target, modeFor(target.toString(), rules, defaultMode),
            FileEntriesLayer.DEFAULT_MODIFICATION_TIME);
      }
    }
    return Optional.of(layer.build());
  }

  private static FilePermissions modeFor(String containerPath, List<CompiledRule> rules, FilePermissions defaultMode) {
    FilePermissions mode = defaultMode;
    for (CompiledRule rule : rules) {
      if (rule.glob().matcher(containerPath).matches()) {
        mode = rule.mode();
      }
    }
    return mode;
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
