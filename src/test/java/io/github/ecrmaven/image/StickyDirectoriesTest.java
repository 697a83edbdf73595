package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ExtraDirectories.ExtraDirectory;
import io.github.ecrmaven.image.ExtraDirectories.PermissionRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StickyDirectoriesTest {
  @TempDir Path folder;

  private Path withFile(String relativePath) throws Exception {
    Path root = folder.resolve("container");
    Path file = root.resolve(relativePath);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x\n");
    return root;
  }

  private static ExtraDirectories copy(Path from, String into, PermissionRule... rules) {
    return new ExtraDirectories(List.of(new ExtraDirectory(from, into)), List.of(rules), "644", "711");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/tmp/app", "/tmp", "//tmp//app/"})
  void checkRejectsFilesBelowTmp(String into) throws Exception {
    Path from = withFile("app.conf");

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> StickyDirectories.check(copy(from, into)));

    assertTrue(e.getMessage().startsWith("The extra directory " + from + " goes into '" + into + "'"
        + " from <extraDirectories><paths><path><into> (ecr.extraDirectories.paths), so"), e.getMessage());
    assertTrue(e.getMessage().contains("the image would get /tmp with mode 755, owned by root"), e.getMessage());
    assertTrue(e.getMessage().contains("Base images give /tmp mode 1777"), e.getMessage());
    assertTrue(e.getMessage().contains("such as /opt/app"), e.getMessage());
    assertTrue(e.getMessage().contains("<permissions><permission><file>/tmp</file><mode>777</mode></permission>"),
        e.getMessage());
  }

  @Test
  void checkRejectsFilesBelowVarTmp() throws Exception {
    Path from = withFile("cache/index");

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> StickyDirectories.check(copy(from, "/var/tmp/app")));

    assertTrue(e.getMessage().contains("the image would get /var/tmp with mode 755"), e.getMessage());
  }

  @Test
  void checkRejectsTmpSubdirectoryOfRootCopy() throws Exception {
    Path from = withFile("tmp/seed.txt");

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> StickyDirectories.check(copy(from, "/")));

    assertTrue(e.getMessage().startsWith("The extra directory " + from + " has the subdirectory tmp, which goes to"
        + " /tmp in the image with mode 711 from <extraDirectories><directoryMode>"), e.getMessage());
    assertTrue(e.getMessage().contains("Move the files out of tmp"), e.getMessage());
  }

  @Test
  void checkRejectsNestedSubdirectory() throws Exception {
    Path from = withFile("tmp/seed.txt");

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> StickyDirectories.check(copy(from, "/var")));

    assertTrue(e.getMessage().contains("subdirectory tmp, which goes to /var/tmp"), e.getMessage());
  }

  @Test
  void checkAcceptsTmpWithPermissionRule() throws Exception {
    StickyDirectories.check(copy(withFile("app.conf"), "/tmp/app", new PermissionRule("/tmp", "777")));
  }

  @Test
  void checkIgnoresRuleForFilesBelowTmp() throws Exception {
    Path from = withFile("app.conf");

    // This rule matches the files below /tmp, not /tmp itself.
    assertThrows(ConfigurationException.class,
        () -> StickyDirectories.check(copy(from, "/tmp/app", new PermissionRule("/tmp/**", "777"))));
  }

  @Test
  void checkAcceptsEmptyDirectory() throws Exception {
    Path empty = Files.createDirectories(folder.resolve("empty"));

    StickyDirectories.check(copy(empty, "/tmp/app"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/opt/app", "/tmpfiles/app", "/var/tmpfiles", "/var/lib/tmp", "/"})
  void checkAcceptsOtherDirectories(String into) throws Exception {
    StickyDirectories.check(copy(withFile("app.conf"), into));
  }
}
