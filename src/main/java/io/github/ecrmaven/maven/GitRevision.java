package io.github.ecrmaven.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.maven.plugin.logging.Log;

/**
 * Finds the source revision of a project for the {@code org.opencontainers.image.revision} label: the
 * {@code git.commit.id.full} or {@code git.commit.id} property that git-commit-id-maven-plugin sets, else
 * the commit that {@code HEAD} names in the git repository around the project directory. Like
 * {@code git rev-parse HEAD}, the lookup walks up from the project directory to the first {@code .git},
 * follows a worktree's {@code gitdir:} file, and reads loose and packed refs. It reads files only and runs
 * no git command. Uncommitted changes are not detected.
 */
final class GitRevision {
  private static final List<String> PROPERTIES = List.of("git.commit.id.full", "git.commit.id");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final String REF_PREFIX = "ref: ";
  private static final String GITDIR_PREFIX = "gitdir: ";

  private GitRevision() {}

  /** Returns the revision, or empty when neither a property nor a git repository gives one. */
  static Optional<String> find(Properties projectProperties, Path projectDirectory, Log log) {
    for (String property : PROPERTIES) {
      String value = projectProperties.getProperty(property);
      if (value != null && COMMIT.matcher(value.trim()).matches()) {
        log.debug("Revision label from the property " + property + ": " + value.trim());
        return Optional.of(value.trim());
      }
    }
    try {
      Optional<String> commit = headCommit(projectDirectory);
      commit.ifPresent(value -> log.debug("Revision label from the git repository's HEAD: " + value));
      return commit;
    } catch (IOException e) {
      log.debug("No revision label: failed to read the git repository around " + projectDirectory + ": " + e);
      return Optional.empty();
    }
  }

  /** Returns the commit HEAD names in the repository that contains {@code directory}, if any. */
  static Optional<String> headCommit(Path directory) throws IOException {
    Optional<Path> gitDirectory = findGitDirectory(directory.toAbsolutePath().normalize());
    if (gitDirectory.isEmpty()) {
      return Optional.empty();
    }
    Path gitDir = gitDirectory.get();
    // A linked worktree keeps HEAD in its own directory and the branches in the main repository's.
    Path commonDir = gitDir;
    Path commonDirFile = gitDir.resolve("commondir");
    if (Files.isRegularFile(commonDirFile)) {
      commonDir = gitDir.resolve(readFirstLine(commonDirFile)).normalize();
    }
    String head = readFirstLine(gitDir.resolve("HEAD"));
    if (!head.startsWith(REF_PREFIX)) {
      return commit(head);
    }
    String ref = head.substring(REF_PREFIX.length()).trim();
    for (Path refFile : List.of(gitDir.resolve(ref), commonDir.resolve(ref))) {
      if (Files.isRegularFile(refFile)) {
        return commit(readFirstLine(refFile));
      }
    }
    return packedRef(commonDir.resolve("packed-refs"), ref);
  }

  private static Optional<Path> findGitDirectory(Path start) throws IOException {
    for (Path directory = start; directory != null; directory = directory.getParent()) {
      Path dotGit = directory.resolve(".git");
      if (Files.isDirectory(dotGit)) {
        return Optional.of(dotGit);
      }
      if (Files.isRegularFile(dotGit)) {
        String line = readFirstLine(dotGit);
        return line.startsWith(GITDIR_PREFIX)
            ? Optional.of(directory.resolve(line.substring(GITDIR_PREFIX.length()).trim()).normalize())
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<String> packedRef(Path packedRefs, String ref) throws IOException {
    if (!Files.isRegularFile(packedRefs)) {
      return Optional.empty();
    }
    for (String line : Files.readAllLines(packedRefs, StandardCharsets.UTF_8)) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 2 && parts[1].equals(ref)) {
        return commit(parts[0]);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> commit(String value) {
    String trimmed = value.trim();
    return COMMIT.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
  }

  private static String readFirstLine(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.findFirst().orElse("").trim();
    }
  }
}
