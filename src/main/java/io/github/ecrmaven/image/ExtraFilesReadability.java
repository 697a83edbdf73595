package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the extra files and directories that the container's user cannot read. The layer gives them
 * owner and group root, so a user other than root reads them through the permissions for others, or for
 * the group when the user's group is root.
 */
public final class ExtraFilesReadability {
  private static final Set<String> ROOT = Set.of("root", "0");

  private ExtraFilesReadability() {}

  /**
   * Returns a warning when {@code <container><user>} names a user other than root and the layer has a file
   * without read permission, or a directory without read and execute permission, for that user.
   *
   * @param user the configured user, or empty for the base image's user, which is not checked
   * @throws IOException when an extra directory cannot be listed
   */
  public static Optional<String> warning(ExtraDirectories directories, Optional<String> user) throws IOException {
    if (user.isEmpty()) {
      // NOTE: the base image's user is not read here, so the extra files are not checked for that user.
      return Optional.empty();
    }
    String[] parts = user.get().split(":", 2);
    if (ROOT.contains(parts[0])) {
      return Optional.empty();
    }
    Optional<FileEntriesLayer> layer = ExtraFilesLayer.build(directories);
    if (layer.isEmpty()) {
      return Optional.empty();
    }
    // The digit of the mode that applies: the group's when the user's group is root, else the others'.
    boolean groupIsRoot = parts.length > 1 && ROOT.contains(parts[1]);
    List<String> closed = new ArrayList<>();
    for (FileEntry entry : layer.get().getEntries()) {
      String mode = entry.getPermissions().toOctalString();
      int permissions = Character.digit(mode.charAt(groupIsRoot ? 1 : 2), 8);
      int needed = Files.isDirectory(entry.getSourceFile()) ? 5 : 4;
      if ((permissions & needed) != needed) {
        closed.add(entry.getExtractionPath() + " (mode " + mode + ")");
      }
    }
    if (closed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("<container><user> (ecr.container.user) is '" + user.get() + "', but the extra files are"
        + " owned by root, and that user cannot read " + closed.size() + " of them"
        + (closed.size() > 1 ? ", such as " : ": ") + closed.get(0) + ". The application cannot read such a file,"
        + " nor list such a directory. Give " + (groupIsRoot ? "the group" : "others") + " read permission, and"
        + " execute permission on directories, with <extraDirectories><fileMode> (ecr.extraDirectories.fileMode),"
        + " <directoryMode> (ecr.extraDirectories.directoryMode) or a <permission>, such as 644 for files and 755"
        + " for directories.");
  }
}
