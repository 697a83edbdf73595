package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import io.github.ecrmaven.image.ExtraDirectories.ExtraDirectory;
import io.github.ecrmaven.image.ExtraDirectories.PermissionRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
