package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarFileModesTest {
  @TempDir Path directory;

  @Test
  void umask077JarGetsUmask022Modes() throws IOException {
    Path jar = writeJar("app.jar", Map.of("it/", 040700, "it/Main.class", 0100600, "bin/run.sh", 0100700));

    Path normalized = JarFileModes.normalized(jar, directory.resolve("copies"));

    assertEquals(directory.resolve("copies/app.jar"), normalized);
    Map<String, Integer> modes = modes(normalized);
    assertEquals(040755, modes.get("it/"));
    assertEquals(0100644, modes.get("it/Main.class"));
    assertEquals(0100755, modes.get("bin/run.sh"));
    assertEquals(0100600, modes(jar).get("it/Main.class"));
  }

  @Test
  void normalizedCopyKeepsContentsAndSize() throws IOException {
    Path jar = writeJar("app.jar", Map.of("it/", 040700, "it/Main.class", 0100600));

    Path normalized = JarFileModes.normalized(jar, directory.resolve("copies"));

    assertEquals(Files.size(jar), Files.size(normalized));
    try (JarFile zip = new JarFile(normalized.toFile())) {
      try (InputStream input = zip.getInputStream(zip.getEntry("it/Main.class"))) {
        assertArrayEquals("content of it/Main.class".getBytes(StandardCharsets.UTF_8), input.readAllBytes());
      }
    }
  }

  @Test
  void jarsFromBothUmasksGetSameBytes() throws IOException {
    Path strict = writeJar("strict/app.jar", Map.of("it/", 040700, "it/Main.class", 0100600));
    Path usual = writeJar("usual/app.jar", Map.of("it/", 040755, "it/Main.class", 0100644));
    assertNotEquals(-1L, Files.mismatch(strict, usual));

    Path normalized = JarFileModes.normalized(strict, directory.resolve("copies"));

    assertEquals(-1L, Files.mismatch(normalized, usual));
  }

  @Test
  void normalizedJarIsUsedAsItIs() throws IOException {
    Path jar = writeJar("app.jar", Map.of("it/", 040755, "it/Main.class", 0100644));
    assertEquals(jar, JarFileModes.normalized(jar, directory.resolve("copies")));
    assertEquals(false, Files.exists(directory.resolve("copies")));
  }

  @Test
  void nonZipFileKeptAsIs() throws IOException {
    Path notZip = Files.writeString(directory.resolve("app.jar"), "not a zip file");
    assertEquals(notZip, JarFileModes.normalized(notZip, directory.resolve("copies")));
  }

  @Test
  void symbolicLinkModeIsKept() {
    assertEquals(0120777, JarFileModes.normalizedMode(0120777, false));
    assertEquals(0755, JarFileModes.normalizedMode(0700, true));
    assertEquals(0644, JarFileModes.normalizedMode(0600, false));
  }

  private Path writeJar(String name, Map<String, Integer> entries) throws IOException {
    Path jar = directory.resolve(name);
    Files.createDirectories(jar.getParent());
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(jar.toFile())) {
      for (Map.Entry<String, Integer> entry : new java.util.TreeMap<>(entries).entrySet()) {
        ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.getKey());
        zipEntry.setUnixMode(entry.getValue());
        zipEntry.setTimeLocal(java.time.LocalDateTime.of(2026, 12, 4, 0, 0));
        zip.putArchiveEntry(zipEntry);
        if (!entry.getKey().endsWith("/")) {
          zip.write(("content of " + entry.getKey()).getBytes(StandardCharsets.UTF_8));
        }
        zip.closeArchiveEntry();
      }
    }
    return jar;
  }

  /** Reads each entry's Unix mode from the central directory, which java.util.zip does not expose. */
  private static Map<String, Integer> modes(Path jar) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(jar)).order(ByteOrder.LITTLE_ENDIAN);
    int end = bytes.limit() - 22;
    while (bytes.getInt(end) != 0x06054b50) {
      end--;
    }
    Map<String, Integer> modes = new LinkedHashMap<>();
    int position = bytes.getInt(end + 16);
    for (int i = 0; i < Short.toUnsignedInt(bytes.getShort(end + 10)); i++) {
      int nameLength = Short.toUnsignedInt(bytes.getShort(position + 28));
      byte[] name = new byte[nameLength];
      bytes.get(position + 46, name);
      modes.put(new String(name, StandardCharsets.UTF_8), bytes.getInt(position + 38) >>> 16);
      position += 46 + nameLength + Short.toUnsignedInt(bytes.getShort(position + 30))
          + Short.toUnsignedInt(bytes.getShort(position + 32));
    }
    return modes;
  }
}
