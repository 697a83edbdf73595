package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRevisionTest {
  private static final String MAIN = "1111111111111111111111111111111111111111";
  private static final String FEATURE = "2222222222222222222222222222222222222222";

  @TempDir Path folder;

  private Path repository() throws Exception {
    Path git = Files.createDirectories(folder.resolve("repo/.git/refs/heads"));
    Files.writeString(folder.resolve("repo/.git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(git.resolve("main"), MAIN + "\n");
    return folder.resolve("repo");
  }

  @Test
  void propertyComesFirst() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("git.commit.id", FEATURE);
    assertEquals(Optional.of(FEATURE), GitRevision.find(properties, repository(), new RecordingLog()));
  }

  @Test
  void shortPropertyIsIgnored() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("git.commit.id", "2222222");
    assertEquals(Optional.of(MAIN), GitRevision.find(properties, repository(), new RecordingLog()));
  }

  @Test
  void headCommitFoundFromModuleDirectory() throws Exception {
    Path module = Files.createDirectories(repository().resolve("services/orders"));
    assertEquals(Optional.of(MAIN), GitRevision.headCommit(module));
  }

  @Test
  void headCommitReadsDetachedHead() throws Exception {
    Path repository = repository();
    Files.writeString(repository.resolve(".git/HEAD"), FEATURE + "\n");
    assertEquals(Optional.of(FEATURE), GitRevision.headCommit(repository));
  }

  @Test
  void headCommitReadsPackedRefs() throws Exception {
    Path repository = repository();
    Files.writeString(repository.resolve(".git/HEAD"), "ref: refs/heads/feature\n");
    Files.writeString(repository.resolve(".git/packed-refs"),
        "# pack-refs with: peeled fully-peeled sorted\n" + MAIN + " refs/heads/main\n" + FEATURE + " refs/heads/feature\n");
    assertEquals(Optional.of(FEATURE), GitRevision.headCommit(repository));
  }

  @Test
  void headCommitFollowsWorktreeFile() throws Exception {
    Path repository = repository();
    Files.writeString(repository.resolve(".git/refs/heads/feature"), FEATURE + "\n");
    Path worktreeGit = Files.createDirectories(repository.resolve(".git/worktrees/feature"));
    Files.writeString(worktreeGit.resolve("HEAD"), "ref: refs/heads/feature\n");
    Files.writeString(worktreeGit.resolve("commondir"), "../..\n");
    Path worktree = Files.createDirectories(folder.resolve("feature"));
    Files.writeString(worktree.resolve(".git"), "gitdir: " + worktreeGit + "\n");

    assertEquals(Optional.of(FEATURE), GitRevision.headCommit(worktree));
  }

  @Test
  void headCommitIsEmptyForUnbornBranch() throws Exception {
    Path repository = repository();
    Files.writeString(repository.resolve(".git/HEAD"), "ref: refs/heads/new\n");
    assertEquals(Optional.empty(), GitRevision.headCommit(repository));
  }
}
