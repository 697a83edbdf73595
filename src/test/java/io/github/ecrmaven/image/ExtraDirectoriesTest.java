package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ExtraDirectories.ExtraDirectory;
import io.github.ecrmaven.image.ExtraDirectories.PermissionRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtraDirectoriesTest {
  @TempDir Path folder;

  private ExtraDirectories withMode(String fileMode) {
    return new ExtraDirectories(
        List.of(new ExtraDirectory(folder, "/opt/app")), List.of(), fileMode, ExtraDirectories.DEFAULT_DIRECTORY_MODE);
  }

  @Test
  void validateAcceptsDefaults() throws ConfigurationException {
    new ExtraDirectories(List.of(new ExtraDirectory(folder, "/")),
        List.of(new PermissionRule("/bin/**", "700")), "600", "750").validate();
  }

  @ParameterizedTest
  @ValueSource(strings = {"855", "75", "rwxr-xr-x", "+x", ""})
  void validateRejectsFileModes(String mode) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> withMode(mode).validate());
    assertTrue(e.getMessage().contains("'" + mode + "' in <extraDirectories><fileMode>"
        + " (ecr.extraDirectories.fileMode)"), e.getMessage());
    assertTrue(e.getMessage().contains("such as 755 or 644"), e.getMessage());
  }

  @Test
  void validateRejectsDirectoryMode() {
    ExtraDirectories directories = new ExtraDirectories(List.of(), List.of(), "644", "7777");
    ConfigurationException e = assertThrows(ConfigurationException.class, directories::validate);
    assertTrue(e.getMessage().contains("'7777' in <extraDirectories><directoryMode>"
        + " (ecr.extraDirectories.directoryMode)"), e.getMessage());
  }

  @Test
  void validateExplainsStickyBitMode() {
    ExtraDirectories directories = new ExtraDirectories(List.of(), List.of(), "644", "1777");
    ConfigurationException e = assertThrows(ConfigurationException.class, directories::validate);
    assertEquals("Invalid mode '1777' in <extraDirectories><directoryMode> (ecr.extraDirectories.directoryMode): the"
        + " first of four digits sets the setuid, setgid and sticky bits, which Jib Core cannot write into a layer."
        + " Give the last three digits, 777, which keep the permissions without those bits.", e.getMessage());
  }

  @Test
  void validateExplainsLeadingZeroMode() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> withMode("0640").validate());
    assertTrue(e.getMessage().contains("'0640' in <extraDirectories><fileMode> (ecr.extraDirectories.fileMode): a"
        + " leading 0 is not part of the mode here. Give the last three digits, 640."), e.getMessage());
  }

  @Test
  void validateRejectsPermissionMode() {
    ExtraDirectories directories = new ExtraDirectories(
        List.of(), List.of(new PermissionRule("/opt/app/run.sh", "u+x")), "644", "755");
    ConfigurationException e = assertThrows(ConfigurationException.class, directories::validate);
    assertTrue(e.getMessage().contains("'u+x' in <extraDirectories><permissions><permission><mode>"
        + " (ecr.extraDirectories.permissions) for /opt/app/run.sh"), e.getMessage());
  }

  @Test
  void validateRejectsRelativePermissionPath() {
    ExtraDirectories directories =
        new ExtraDirectories(List.of(), List.of(new PermissionRule("bin/*", "755")), "644", "755");
    ConfigurationException e = assertThrows(ConfigurationException.class, directories::validate);
    assertTrue(e.getMessage().contains("<extraDirectories><permissions><permission><file>"
        + " (ecr.extraDirectories.permissions) 'bin/*'"), e.getMessage());
  }

  @Test
  void validateRejectsMissingDirectory() {
    Path missing = folder.resolve("src/main/container");
    ExtraDirectories directories = new ExtraDirectories(
        List.of(new ExtraDirectory(missing, "/")), List.of(), "644", "755");
    ConfigurationException e = assertThrows(ConfigurationException.class, directories::validate);
    assertTrue(e.getMessage().contains(missing + " from <extraDirectories><paths><path><from>"
        + " (ecr.extraDirectories.paths) does not exist"), e.getMessage());
  }

  @Test
  void validateRejectsFileAsDirectory() throws Exception {
    Path file = Files.createFile(folder.resolve("app.conf"));
    ExtraDirectories directories = new ExtraDirectories(List.of(new ExtraDirectory(file, "/")), List.of(), "644", "755");
    ConfigurationException e = assertThrows(ConfigurationException.class, directories::validate);
    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
  }

  @Test
  void validateRejectsRelativeInto() {
    ExtraDirectories directories =
        new ExtraDirectories(List.of(new ExtraDirectory(folder, "opt/app")), List.of(), "644", "755");
    ConfigurationException e = assertThrows(ConfigurationException.class, directories::validate);
    assertTrue(e.getMessage().contains("<extraDirectories><paths><path><into> (ecr.extraDirectories.paths)"
        + " 'opt/app'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/opt/../tmp/app", "/opt/./app", "/.."})
  void validateRejectsDotElementsInInto(String into) {
    ExtraDirectories directories = new ExtraDirectories(List.of(new ExtraDirectory(folder, into)), List.of(), "644", "755");
    ConfigurationException e = assertThrows(ConfigurationException.class, directories::validate);
    assertTrue(e.getMessage().contains("(ecr.extraDirectories.paths) '" + into + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("without . or .. elements"), e.getMessage());
  }

  @Test
  void validateRejectsFilesBelowTmp() throws Exception {
    Files.writeString(folder.resolve("app.conf"), "a=1\n");
    ExtraDirectories directories =
        new ExtraDirectories(List.of(new ExtraDirectory(folder, "/tmp/app")), List.of(), "644", "755");
    ConfigurationException e = assertThrows(ConfigurationException.class, directories::validate);
    assertTrue(e.getMessage().contains("the image would get /tmp with mode 755"), e.getMessage());
  }

  @Test
  void validateRejectsBrokenSymbolicLink() throws Exception {
    Path link = Files.createSymbolicLink(Files.createDirectory(folder.resolve("conf")).resolve("dangling"),
        Path.of("missing.txt"));
    ExtraDirectories directories =
        new ExtraDirectories(List.of(new ExtraDirectory(folder, "/opt/app")), List.of(), "644", "755");
    ConfigurationException e = assertThrows(ConfigurationException.class, directories::validate);
    assertTrue(e.getMessage().contains("The extra directory " + folder + " from <extraDirectories><paths><path><from>"
        + " (ecr.extraDirectories.paths) contains the symbolic link " + link + ", which points to missing.txt"),
        e.getMessage());
    assertTrue(e.getMessage().contains("make the link point to an existing file or remove it"), e.getMessage());
  }

  @Test
  void validateAcceptsValidSymbolicLink() throws Exception {
    Files.writeString(folder.resolve("app.conf"), "a=1\n");
    Files.createSymbolicLink(folder.resolve("current.conf"), Path.of("app.conf"));
    new ExtraDirectories(List.of(new ExtraDirectory(folder, "/opt/app")), List.of(), "644", "755").validate();
  }

  @Test
  void validateRejectsUnreadableFile() throws Exception {
    Path file = Files.writeString(folder.resolve("secret.conf"), "a=1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    // Root reads every file whatever its mode, so the check cannot fail for root.
    assumeFalse(Files.isReadable(file), "the user running the tests can read a file with mode 000");
    ExtraDirectories directories =
        new ExtraDirectories(List.of(new ExtraDirectory(folder, "/opt/app")), List.of(), "644", "755");
    ConfigurationException e = assertThrows(ConfigurationException.class, directories::validate);
    assertTrue(e.getMessage().contains("contains the file " + file + ", which the user running Maven cannot read"),
        e.getMessage());
  }

  @Test
  void unmatchedPermissionsListsGlobsThatMatchNothing() throws Exception {
    Files.createDirectories(folder.resolve("bin"));
    Files.writeString(folder.resolve("bin/run.sh"), "#!/bin/sh\n");
    ExtraDirectories directories = new ExtraDirectories(List.of(new ExtraDirectory(folder, "/opt/app")),
        List.of(new PermissionRule("/opt/ap/bin/*", "755"), new PermissionRule("/opt/app/bin/*.sh", "755"),
            new PermissionRule("/opt", "755"), new PermissionRule("/opt/app/conf/**", "600")),
        "644", "755");

    assertEquals(List.of("/opt/ap/bin/*", "/opt/app/conf/**"), directories.unmatchedPermissions());
  }

  @Test
  void unmatchedPermissionsListsEveryGlobForEmptyDirectory() throws Exception {
    ExtraDirectories directories = new ExtraDirectories(List.of(new ExtraDirectory(folder, "/opt/app")),
        List.of(new PermissionRule("/opt/app", "750")), "644", "755");

    assertEquals(List.of("/opt/app"), directories.unmatchedPermissions());
  }
}
