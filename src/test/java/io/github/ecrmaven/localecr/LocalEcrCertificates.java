package io.github.ecrmaven.localecr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed TLS material for the local ECR's registry front, valid for {@code localhost} and
 * {@code 127.0.0.1}.
 *
 * <p>The directory receives {@code server.p12} (key and certificate), {@code ca/local-ecr.crt}
 * (the certificate in PEM, alone in its folder so that {@code skopeo --cert-dir} and
 * {@code podman --cert-dir} can use the folder) and {@code truststore.p12} (the JDK's
 * {@code cacerts} plus the local certificate). Every store uses the password {@value #PASSWORD}.
 * Files that already exist are reused.
 */
public final class LocalEcrCertificates {

  /** Password of {@code server.p12} and {@code truststore.p12}. */
  public static final String PASSWORD = "changeit";

  private static final String ALIAS = "local-ecr";
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  private final Path directory;

  private LocalEcrCertificates(Path directory) {
    this.directory = directory;
  }

  /** Creates the certificates in the directory named by the only argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("Usage: LocalEcrCertificates DIRECTORY");
      System.exit(2);
    }
    LocalEcrCertificates certificates = ensure(Path.of(args[0]));
    System.err.println("Local ECR certificates ready in " + certificates.directory());
  }

  /**
   * Creates the certificates in {@code directory} unless all of them are already there.
   * Concurrent callers, in this JVM or others, are serialized by a lock file.
   *
   * @throws IOException if {@code keytool} fails or a file cannot be written
   */
  public static LocalEcrCertificates ensure(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath().normalize();
    Files.createDirectories(absolute);
    LocalEcrCertificates certificates = new LocalEcrCertificates(absolute);
    synchronized (LocalEcrCertificates.class) {
      try (FileChannel channel =
              FileChannel.open(
                  absolute.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (!certificates.isComplete()) {
          certificates.generate();
        }
      }
    }
    return certificates;
  }

  /** Returns the directory that contains the certificates. */
  public Path directory() {
    return directory;
  }

  /** Returns the PKCS #12 key store with the server's key and certificate. */
  public Path serverKeyStore() {
    return directory.resolve("server.p12");
  }

  /** Returns the folder that contains only the certificate, as {@code local-ecr.crt}. */
  public Path caCertDirectory() {
    return directory.resolve("ca");
  }

  /** Returns the PKCS #12 trust store: the JDK's {@code cacerts} plus the local certificate. */
  public Path trustStore() {
    return directory.resolve("truststore.p12");
  }

  private boolean isComplete() {
    return Files.isRegularFile(serverKeyStore())
        && Files.isRegularFile(caCertDirectory().resolve("local-ecr.crt"))
        && Files.isRegularFile(trustStore());
  }

  private void generate() throws IOException {
    Path staging = Files.createTempDirectory(directory, ".staging-");
    try {
      Path keyStore = staging.resolve("server.p12");
      runKeytool(
          "-genkeypair",
          "-alias", ALIAS,
          "-keyalg", "RSA",
          "-keysize", "2048",
          "-validity", "3650",
          "-dname", "CN=localhost, O=Local ECR",
          "-ext", "SAN=DNS:localhost,IP:127.0.0.1",
          "-ext", "EKU=serverAuth",
          "-storetype", "PKCS12",
          "-keystore", keyStore.toString(),
          "-storepass", PASSWORD,
          "-keypass", PASSWORD);
      Certificate certificate = certificate(keyStore);
      Path pem = staging.resolve("local-ecr.crt");
      Files.writeString(pem, toPem(certificate), StandardCharsets.US_ASCII);
      Path trustStore = staging.resolve("truststore.p12");
      writeTrustStore(certificate, trustStore);

      Files.createDirectories(caCertDirectory());
      Files.move(pem, caCertDirectory().resolve("local-ecr.crt"), StandardCopyOption.REPLACE_EXISTING);
      Files.move(trustStore, trustStore(), StandardCopyOption.REPLACE_EXISTING);
      Files.move(keyStore, serverKeyStore(), StandardCopyOption.REPLACE_EXISTING);
    } finally {
      io.github.ecrmaven.testing.TestFiles.deleteRecursively(staging);
    }
  }

  private static void writeTrustStore(Certificate certificate, Path target) throws IOException {
    Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    try {
      KeyStore jdkStore = KeyStore.getInstance(cacerts.toFile(), PASSWORD.toCharArray());
      KeyStore trustStore = KeyStore.getInstance("PKCS12");
      trustStore.load(null, null);
      for (String alias : Collections.list(jdkStore.aliases())) {
        if (jdkStore.isCertificateEntry(alias)) {
          trustStore.setCertificateEntry(alias, jdkStore.getCertificate(alias));
        }
      }
      trustStore.setCertificateEntry(ALIAS, certificate);
      try (OutputStream out = Files.newOutputStream(target)) {
        trustStore.store(out, PASSWORD.toCharArray());
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("Failed to build the trust store from " + cacerts + ": " + e, e);
    }
  }

  private static Certificate certificate(Path keyStore) throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      return store.getCertificate(ALIAS);
    } catch (GeneralSecurityException e) {
      throw new IOException("Failed to read " + keyStore + ": " + e, e);
    }
  }

  private static String toPem(Certificate certificate) throws IOException {
    try {
      Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
      return "-----BEGIN CERTIFICATE-----\n"
          + encoder.encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IOException("Failed to encode the certificate: " + e, e);
    }
  }

  private static void runKeytool(String... arguments) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    Collections.addAll(command, arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("keytool timed out after " + KEYTOOL_TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            "keytool failed with exit code " + process.exitValue() + ": " + output.strip());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while waiting for keytool", e);
    }
  }
}
