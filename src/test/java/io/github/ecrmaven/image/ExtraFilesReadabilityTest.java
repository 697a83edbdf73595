package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.image.ExtraDirectories.ExtraDirectory;
import io.github.ecrmaven.image.ExtraDirectories.PermissionRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtraFilesReadabilityTest {
  @TempDir Path folder;

  @BeforeEach
  void createFiles() throws Exception {
    Files.createDirectories(folder.resolve("conf"));
    Files.writeString(folder.resolve("conf/app.conf"), "a=1\n");
  }

  private ExtraDirectories directories(String fileMode, String directoryMode, PermissionRule... rules) {
    return new ExtraDirectories(List.of(new ExtraDirectory(folder, "/opt/app")), List.of(rules), fileMode,
        directoryMode);
  }

  @Test
  void closedDirectoryWarnsForOtherUser() throws Exception {
    Optional<String> warning = ExtraFilesReadability.warning(directories("644", "750"), Optional.of("1000:1000"));

    assertTrue(warning.isPresent());
    assertEquals("<container><user> (ecr.container.user) is '1000:1000', but the extra files are owned by root, and"
        + " that user cannot read 1 of them: /opt/app/conf (mode 750). The application cannot read such a file, nor"
        + " list such a directory. Give others read permission, and execute permission on directories, with"
        + " <extraDirectories><fileMode> (ecr.extraDirectories.fileMode), <directoryMode>"
        + " (ecr.extraDirectories.directoryMode) or a <permission>, such as 644 for files and 755 for directories.",
        warning.get());
  }

  @Test
  void closedFileAndRuleWarn() throws Exception {
    Optional<String> warning = ExtraFilesReadability.warning(
        directories("600", "755", new PermissionRule("/opt/app", "700")), Optional.of("app"));

    assertTrue(warning.isPresent());
    assertTrue(warning.get().contains("cannot read 2 of them, such as /opt/app (mode 700)."), warning.get());
  }

  @ParameterizedTest
  @ValueSource(strings = {"root", "0", "root:root", "0:1000"})
  void rootUserDoesNotWarn(String user) throws Exception {
    assertEquals(Optional.empty(), ExtraFilesReadability.warning(directories("600", "700"), Optional.of(user)));
  }

  @Test
  void rootGroupReadsThroughGroupBits() throws Exception {
    assertEquals(Optional.empty(),
        ExtraFilesReadability.warning(directories("640", "750"), Optional.of("1000:0")));
    assertTrue(ExtraFilesReadability.warning(directories("604", "705"), Optional.of("1000:root")).isPresent());
  }

  @Test
  void openModesDoNotWarn() throws Exception {
    assertEquals(Optional.empty(), ExtraFilesReadability.warning(directories("644", "755"), Optional.of("1000")));
  }

  @Test
  void baseImageUserIsNotChecked() throws Exception {
    assertEquals(Optional.empty(), ExtraFilesReadability.warning(directories("600", "700"), Optional.empty()));
  }
}
