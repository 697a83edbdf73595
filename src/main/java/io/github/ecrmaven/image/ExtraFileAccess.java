package io.github.ecrmaven.image;

import io.github.ecrmaven.ConfigurationException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Rejects an extra directory whose files Jib could not read when it builds the layer: a broken symbolic
 * link, an unreadable file, or a subdirectory that cannot be listed. Jib copies a symbolic link as the
 * file it points to, so it fails on a link whose target is missing, but only after the plugin has
 * created the repository and started the push.
 */
final class ExtraFileAccess {
  private static final String FROM_PARAMETER = "<extraDirectories><paths><path><from> (ecr.extraDirectories.paths)";

  private ExtraFileAccess() {}

  /**
   * Checks every file and subdirectory below the extra directory {@code directory}.
   *
   * @throws ConfigurationException naming the file, the extra directory and the fix
   */
  static void check(Path directory) throws ConfigurationException {
    Optional<String> problem;
    try {
      problem = firstProblem(directory);
    } catch (IOException e) {
      problem = Optional.of("a file that cannot be read (" + e + "). Check the permissions of the directory and"
          + " its files");
    }
    if (problem.isPresent()) {
      throw new ConfigurationException(
          "The extra directory " + directory + " from " + FROM_PARAMETER + " contains " + problem.get() + ".");
    }
  }

  private static Optional<String> firstProblem(Path directory) throws IOException {
    FirstUnreadableEntry visitor = new FirstUnreadableEntry();
    Files.walkFileTree(directory, visitor);
    return Optional.ofNullable(visitor.description);
  }

  /** Walks the tree without following links, and stops at the first entry that Jib could not read. */
  private static final class FirstUnreadableEntry extends SimpleFileVisitor<Path> {
    private String description;

    @Override
    public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attributes) {
      if (!Files.isReadable(path) || !Files.isExecutable(path)) {
        description = "the directory " + path + ", which the user running Maven cannot list. Give that user read"
            + " and execute permission on it (chmod u+rx)";
        return FileVisitResult.TERMINATE;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
      if (attributes.isSymbolicLink() && !Files.exists(path)) {
        description = "the symbolic link " + path + ", which points to " + Files.readSymbolicLink(path) + ", a"
            + " file that does not exist. Jib copies a symbolic link as the file it points to, so make the link"
            + " point to an existing file or remove it";
        return FileVisitResult.TERMINATE;
      }
      if (!Files.isDirectory(path) && !Files.isReadable(path)) {
        description = "the file " + path + ", which the user running Maven cannot read. Give that user read"
            + " permission on it (chmod u+r)";
        return FileVisitResult.TERMINATE;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path path, IOException e) {
      description = "the file " + path + ", which cannot be read (" + e + "). Check its permissions, or remove it";
      return FileVisitResult.TERMINATE;
    }
  }
}
