package io.github.ecrmaven.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Compares two Docker-format image tarballs that {@code ecr:build} wrote, so that a reproducibility
 * failure names the part of the image that differs. It lists the differing configuration fields and
 * layers, and within each differing layer the entries whose mode, owner, time, size or content differ.
 */
public final class ImageTarballDiff {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ImageTarballDiff() {}

  /** Returns the differences, one per line, or an empty string when the two images are the same. */
  public static String describe(Path first, Path second) throws IOException {
    Map<String, byte[]> firstFiles = read(first);
    Map<String, byte[]> secondFiles = read(second);
    JsonNode firstManifest = JSON.readTree(firstFiles.get("manifest.json")).get(0);
    JsonNode secondManifest = JSON.readTree(secondFiles.get("manifest.json")).get(0);
    List<String> lines = new ArrayList<>();

    JsonNode firstConfig = JSON.readTree(firstFiles.get(firstManifest.get("Config").asText()));
    JsonNode secondConfig = JSON.readTree(secondFiles.get(secondManifest.get("Config").asText()));
    for (Iterator<String> fields = firstConfig.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!firstConfig.get(field).equals(secondConfig.get(field))) {
        lines.add("configuration field " + field + ": " + firstConfig.get(field) + " vs " + secondConfig.get(field));
      }
    }

    List<String> history = new ArrayList<>();
    firstConfig.path("history").forEach(entry -> {
      if (!entry.path("empty_layer").asBoolean()) {
        history.add(entry.path("comment").asText(entry.path("created_by").asText("")));
      }
    });
    JsonNode firstLayers = firstManifest.get("Layers");
    JsonNode secondLayers = secondManifest.get("Layers");
    if (firstLayers.size() != secondLayers.size()) {
      lines.add("layer count: " + firstLayers.size() + " vs " + secondLayers.size());
      return String.join("\n", lines);
    }
    for (int i = 0; i < firstLayers.size(); i++) {
      String firstLayer = firstLayers.get(i).asText();
      String secondLayer = secondLayers.get(i).asText();
      if (!firstLayer.equals(secondLayer)) {
        String name = i < history.size() ? history.get(i) : "";
        lines.add("layer " + i + " (" + name + "): " + firstLayer + " vs " + secondLayer);
        lines.addAll(entryDifferences(firstFiles.get(firstLayer), secondFiles.get(secondLayer)));
      }
    }
    return String.join("\n", lines);
  }

  private static List<String> entryDifferences(byte[] firstLayer, byte[] secondLayer) throws IOException {
    Map<String, String> firstEntries = entries(firstLayer);
    Map<String, String> secondEntries = entries(secondLayer);
    List<String> lines = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(firstEntries.keySet());
    names.addAll(secondEntries.keySet());
    for (String name : names) {
      String firstEntry = firstEntries.getOrDefault(name, "missing");
      String secondEntry = secondEntries.getOrDefault(name, "missing");
      if (!firstEntry.equals(secondEntry)) {
        lines.add("  " + name + ": " + firstEntry + " vs " + secondEntry);
      }
    }
    if (lines.isEmpty()) {
      lines.add("  every entry is the same, so the entries' order or the archive's own headers differ");
    }
    return lines;
  }

  /** Describes each entry of a gzip-compressed layer by its mode, owner, time, size and SHA-256. */
  private static Map<String, String> entries(byte[] layer) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(layer)))) {
      for (TarArchiveEntry entry = tar.getNextTarEntry(); entry != null; entry = tar.getNextTarEntry()) {
        entries.put(entry.getName(), String.format("mode %o, owner %d:%d, time %s, size %d, sha256 %s",
            entry.getMode(), entry.getLongUserId(), entry.getLongGroupId(), entry.getLastModifiedDate().toInstant(),
            entry.getSize(), sha256(tar)));
      }
    }
    return entries;
  }

  private static Map<String, byte[]> read(Path tarball) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (InputStream input = Files.newInputStream(tarball);
        TarArchiveInputStream tar = new TarArchiveInputStream(input)) {
      for (TarArchiveEntry entry = tar.getNextTarEntry(); entry != null; entry = tar.getNextTarEntry()) {
        if (entry.isFile()) {
          files.put(entry.getName(), tar.readAllBytes());
        }
      }
    }
    return files;
  }

  private static String sha256(InputStream input) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[8192];
      for (int count = input.read(buffer); count >= 0; count = input.read(buffer)) {
        digest.update(buffer, 0, count);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no SHA-256", e);
    }
  }
}
