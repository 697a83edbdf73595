package io.github.ecrmaven.localecr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One local ECR per test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>The certificates come from {@code target/local-ecr-certs} under the working directory,
 * which is the module's base directory under Surefire; the build creates them before tests start
 * so that {@code -Djavax.net.ssl.trustStore} can point at them. The registry's data and the base
 * image's build files live in a new folder below {@link #WORK_DIRECTORY}, and a shutdown hook deletes
 * that folder. A JVM that is killed leaves it there for {@code mvn clean}, not in {@code /tmp}.
 */
public final class SharedLocalEcr {

  /** Certificate folder, relative to the working directory. */
  public static final Path CERTIFICATE_DIRECTORY = Path.of("target", "local-ecr-certs");

  /** The folder, relative to the working directory, that contains one folder per running shared local ECR. */
  public static final Path WORK_DIRECTORY = Path.of("target", "shared-local-ecr");

  /** The repository and tag of the base image {@link #baseImage()} pushes. */
  public static final String BASE_IMAGE = "base/java17:17";

  private static LocalEcr instance;
  private static Path workDirectory;
  private static String baseImage;

  private SharedLocalEcr() {}

  /**
   * Returns the shared local ECR, starting it on the first call.
   *
   * @throws UncheckedIOException if it fails to start; later calls try again
   */
  public static synchronized LocalEcr get() {
    if (instance == null) {
      try {
        Path folder = Files.createTempDirectory(
            Files.createDirectories(WORK_DIRECTORY.toAbsolutePath()), "local-ecr-");
        LocalEcr started =
            LocalEcr.start(
                new LocalEcr.Options(folder, CERTIFICATE_DIRECTORY.toAbsolutePath()));
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(() -> stop(started, folder), "local-ecr-shared-shutdown"));
        instance = started;
        workDirectory = folder;
      } catch (IOException e) {
        throw new UncheckedIOException("Failed to start the shared local ECR: " + e.getMessage(), e);
      }
    }
    return instance;
  }

  /**
   * Returns the reference of a small Java 17 base image in the shared local ECR, pushing it on the
   * first call.
   */
  public static synchronized String baseImage() {
    if (baseImage == null) {
      LocalEcr ecr = get();
      String reference = ecr.registryHost() + "/" + BASE_IMAGE;
      try {
        ecr.createRepository(BASE_IMAGE.substring(0, BASE_IMAGE.indexOf(':')));
        io.github.ecrmaven.testing.BaseImageBuilder.pushTo(
            reference, "AWS", ecr.issueRegistryPassword(), workDirectory.resolve("base-image"));
      } catch (IOException e) {
        throw new UncheckedIOException("Failed to push the base image " + reference + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while pushing the base image " + reference, e);
      }
      baseImage = reference;
    }
    return baseImage;
  }

  private static void stop(LocalEcr ecr, Path workDirectory) {
    ecr.close();
    try {
      io.github.ecrmaven.testing.TestFiles.deleteRecursively(workDirectory);
    } catch (IOException e) {
      System.err.println("Failed to delete the local ECR folder " + workDirectory + ": " + e);
    }
  }
}
