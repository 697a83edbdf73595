package io.github.ecrmaven.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Reads image manifests and configurations from a registry with TLS and Basic authentication. */
public final class Skopeo {

  /** The command that installs skopeo. */
  public static final String INSTALL_HINT = "apt-get install -y --no-install-recommends skopeo";

  private static final Duration INSPECT_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Skopeo() {}

  /**
   * Fetches the manifest and the configuration of an image.
   *
   * <p>The credentials go to skopeo in a temporary auth file, so the password appears neither in
   * the process arguments nor in error messages.
   *
   * @param imageReference the image, such as {@code localhost:5000/app:1} or {@code
   *     localhost:5000/app@sha256:...}
   * @param caDir a folder of CA certificates ({@code *.crt}) for the registry, without private keys
   * @return the manifest digest (the SHA-256 of the raw manifest bytes), the raw manifest and the
   *     raw configuration blob
   * @throws IllegalStateException with an install hint if skopeo is missing
   * @throws ExternalTool.ExternalToolException if skopeo fails
   */
  public static Inspection inspect(String imageReference, String username, String password, Path caDir)
      throws IOException {
    ExternalTool skopeo = ExternalTool.locate("skopeo", INSTALL_HINT);
    Path authFile = writeAuthFile(Podman.registryOf(imageReference), username, password);
    try {
      List<String> common =
          List.of("--authfile", authFile.toString(), "--cert-dir", caDir.toAbsolutePath().toString());
      String manifest = inspect(skopeo, List.of("--raw"), common, imageReference);
      String config = inspect(skopeo, List.of("--config", "--raw"), common, imageReference);
      return new Inspection(sha256Digest(manifest), manifest, config);
    } finally {
      Files.deleteIfExists(authFile);
    }
  }

  private static String inspect(ExternalTool skopeo, List<String> mode, List<String> common, String imageReference) {
    List<String> arguments = new ArrayList<>(List.of("inspect"));
    arguments.addAll(mode);
    arguments.addAll(common);
    arguments.add("docker://" + imageReference);
    // skopeo 1.9.3 prints the raw body as the registry sent it, without a trailing newline, so
    // the SHA-256 of standard output is the manifest digest.
    return skopeo.runOrFail(arguments, Map.of(), null, INSPECT_TIMEOUT).stdout();
  }

  /** Writes a containers auth file (mode 600) with the Basic credentials for one registry. */
  private static Path writeAuthFile(String registry, String username, String password) throws IOException {
    Path file = Files.createTempFile("skopeo-auth-", ".json", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    ObjectNode root = JSON.createObjectNode();
    root.putObject("auths").putObject(registry).put("auth", basic);
    Files.writeString(file, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
    return file;
  }

  private static String sha256Digest(String manifest) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(manifest.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK lacks SHA-256", e);
    }
  }

  /**
   * What skopeo read about one image.
   *
   * @param manifestDigest the digest of the raw manifest, such as {@code sha256:...}
   * @param rawManifest the manifest as the registry serves it
   * @param configJson the configuration blob as the registry serves it
   */
  public record Inspection(String manifestDigest, String rawManifest, String configJson) {

    /** Parses the configuration blob. */
    public JsonNode config() throws IOException {
      return JSON.readTree(configJson);
    }

    /** Parses the manifest. */
    public JsonNode manifest() throws IOException {
      return JSON.readTree(rawManifest);
    }
  }
}
