package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.image.ReproducibleLayerBuilder;
import com.google.common.collect.ImmutableList;
import io.github.ecrmaven.image.ExtraDirectories.ExtraDirectory;
import io.github.ecrmaven.image.ExtraDirectories.PermissionRule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtraFilesLayerTest {
  @TempDir Path folder;

  private Path tree() throws Exception {
    Path root = folder.resolve("container");
    Files.createDirectories(root.resolve("bin"));
    Files.createDirectories(root.resolve("config/local"));
    Files.writeString(root.resolve("bin/run.sh"), "#!/bin/sh\n");
    Files.writeString(root.resolve("bin/README"), "scripts\n");
    Files.writeString(root.resolve("config/app.conf"), "a=1\n");
    Files.writeString(root.resolve("config/local/secret.conf"), "s=1\n");
    return root;
  }

  private static Map<String, String> modes(FileEntriesLayer layer) {
    Map<String, String> modes = new LinkedHashMap<>();
    for (FileEntry entry : layer.getEntries()) {
      modes.put(entry.getExtractionPath().toString(), entry.getPermissions().toOctalString());
    }
    return modes;
  }

  @Test
  void buildGivesNoLayerWithoutDirectories() throws Exception {
    assertFalse(ExtraFilesLayer.build(ExtraDirectories.none()).isPresent());
  }

  @Test
  void buildAppliesDefaultModesAndRules() throws Exception {
    ExtraDirectories directories = new ExtraDirectories(
        List.of(new ExtraDirectory(tree(), "/opt/app")),
        List.of(new PermissionRule("/opt/app/bin/*.sh", "755"),
            new PermissionRule("/opt/app/config/**", "600"),
            new PermissionRule("/opt/app/config/local", "700")),
        "640", "711");

    Map<String, String> modes = modes(ExtraFilesLayer.build(directories).orElseThrow());

    assertEquals("711", modes.get("/opt/app/bin"));
    assertEquals("755", modes.get("/opt/app/bin/run.sh"));
    assertEquals("640", modes.get("/opt/app/bin/README"));
    assertEquals("711", modes.get("/opt/app/config"));
    assertEquals("600", modes.get("/opt/app/config/app.conf"));
    // Both config rules match, and the later one wins.
    assertEquals("700", modes.get("/opt/app/config/local"));
    assertEquals("600", modes.get("/opt/app/config/local/secret.conf"));
    assertFalse(modes.containsKey("/opt/app"), "the target directory itself gets no entry: " + modes.keySet());
    assertEquals(7, modes.size(), modes.toString());
  }

  @Test
  void buildGivesRuleModesToIntoAndParents() throws Exception {
    ExtraDirectories directories = new ExtraDirectories(
        List.of(new ExtraDirectory(tree(), "/opt/app")),
        List.of(new PermissionRule("/opt", "751"), new PermissionRule("/opt/app", "700")),
        "644", "755");

    FileEntriesLayer layer = ExtraFilesLayer.build(directories).orElseThrow();
    List<String> paths = layer.getEntries().stream().map(entry -> entry.getExtractionPath().toString()).toList();
    Map<String, String> modes = modes(layer);

    assertEquals("751", modes.get("/opt"));
    assertEquals("700", modes.get("/opt/app"));
    // Jib keeps an entry only when it comes before the entries below it.
    assertEquals(List.of("/opt", "/opt/app"), paths.subList(0, 2));
    assertEquals(9, modes.size(), modes.toString());
  }

  @Test
  void buildGivesEmptyDirectoryNoEntries() throws Exception {
    Path empty = Files.createDirectories(folder.resolve("empty"));
    ExtraDirectories directories = new ExtraDirectories(
        List.of(new ExtraDirectory(empty, "/opt/app")), List.of(new PermissionRule("/opt/app", "700")), "644", "755");

    assertTrue(ExtraFilesLayer.build(directories).orElseThrow().getEntries().isEmpty());
  }

  @Test
  void layerKeepsDirectoryEntriesOverJibParents() throws Exception {
    Path root = folder.resolve("root");
    Files.createDirectories(root.resolve("srv"));
    Files.writeString(root.resolve("srv/index.html"), "<p>\n");
    ExtraDirectories directories = new ExtraDirectories(
        List.of(new ExtraDirectory(tree(), "/srv/app"), new ExtraDirectory(root, "/")),
        List.of(new PermissionRule("/srv/app", "750")),
        "644", "711");

    Map<String, String> modes = tarModes(ExtraFilesLayer.build(directories).orElseThrow());

    // The second extra directory's srv comes after the first one's files, and still replaces Jib's 755.
    assertEquals("711", modes.get("srv/"));
    assertEquals("750", modes.get("srv/app/"));
    assertEquals("711", modes.get("srv/app/bin/"));
    assertEquals("644", modes.get("srv/app/bin/run.sh"));
  }

  @Test
  void layerGivesParentsWithoutRulesJibMode() throws Exception {
    ExtraDirectories directories = new ExtraDirectories(
        List.of(new ExtraDirectory(tree(), "/opt/app")), List.of(), "644", "700");

    Map<String, String> modes = tarModes(ExtraFilesLayer.build(directories).orElseThrow());

    assertEquals("755", modes.get("opt/"));
    assertEquals("755", modes.get("opt/app/"));
    assertEquals("700", modes.get("opt/app/bin/"));
  }

  /** Writes the layer as Jib Core does and returns each tar entry's mode bits in octal by name. */
  private static Map<String, String> tarModes(FileEntriesLayer layer) throws Exception {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    new ReproducibleLayerBuilder(ImmutableList.copyOf(layer.getEntries())).build().writeTo(tar);
    Map<String, String> modes = new LinkedHashMap<>();
    try (TarArchiveInputStream entries = new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
      for (TarArchiveEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        modes.put(entry.getName(), Integer.toOctalString(entry.getMode() & 07777));
      }
    }
    return modes;
  }

  @Test
  void directoriesDownToListsIntoAndParents() {
    assertEquals(List.of("/opt", "/opt/app", "/opt/app/config"), ExtraFilesLayer.directoriesDownTo("/opt/app/config"));
    assertEquals(List.of("/tmp", "/tmp/app"), ExtraFilesLayer.directoriesDownTo("//tmp//app/"));
    assertEquals(List.of(), ExtraFilesLayer.directoriesDownTo("/"));
  }

  @Test
  void buildFixesModificationTimes() throws Exception {
    ExtraDirectories directories = new ExtraDirectories(
        List.of(new ExtraDirectory(tree(), "/")), List.of(), "644", "755");

    for (FileEntry entry : ExtraFilesLayer.build(directories).orElseThrow().getEntries()) {
      assertEquals(FileEntriesLayer.DEFAULT_MODIFICATION_TIME, entry.getModificationTime(), entry.toString());
    }
  }

  @Test
  void globStarStaysWithinOnePathElement() {
    Pattern glob = ExtraFilesLayer.globToRegex("/opt/app/*");
    assertTrue(glob.matcher("/opt/app/run.sh").matches());
    assertFalse(glob.matcher("/opt/app/bin/run.sh").matches());
  }

  @Test
  void globDoubleStarCrossesPathElements() {
    Pattern glob = ExtraFilesLayer.globToRegex("/opt/**/*.sh");
    assertTrue(glob.matcher("/opt/app/bin/run.sh").matches());
    assertFalse(glob.matcher("/opt/app/bin/run.py").matches());
  }

  @Test
  void globQuotesRegexCharacters() {
    Pattern glob = ExtraFilesLayer.globToRegex("/opt/a+b/file.?");
    assertTrue(glob.matcher("/opt/a+b/file.c").matches());
    assertFalse(glob.matcher("/opt/aab/file.c").matches());
    assertFalse(glob.matcher("/opt/a+b/filexc").matches());
  }
}
