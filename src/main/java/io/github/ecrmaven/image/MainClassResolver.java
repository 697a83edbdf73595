package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.MainClassFinder;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

/**
 * Decides the container's main class: the configured one, else the jar plugin's manifest main class,
 * else the single class with a {@code main} method among the compiled classes. A named class must
 * exist in the compiled classes or in a runtime dependency, so that a typo fails the build instead of
 * the container.
 */
public final class MainClassResolver {
  /** The class file major version of Java 25, from which a main method may be an instance method. */
  private static final int JAVA_25_CLASS_VERSION = 69;

  private MainClassResolver() {}

  /**
   * Resolves the main class the image's Java command runs, or returns empty without looking when
   * {@code <container><entrypoint>} replaces that command or the application is an exploded WAR, which
   * the base image's server runs. A Spring Boot executable jar runs its launcher, the {@code Main-Class}
   * of its manifest. The packaged mode takes the {@code Main-Class} of the project's jar before
   * {@code manifestMainClass}.
   *
   * @param manifestMainClass the jar plugin's {@code <archive><manifest><mainClass>}, or empty
   * @param layers the application's files: the classes to scan and the dependencies to search
   * @throws ConfigurationException as {@link #resolve}
   */
  public static Optional<String> resolveFor(
      ContainerSettings container, Optional<String> manifestMainClass, ApplicationLayers layers, BuildLog log)
      throws ConfigurationException {
    ApplicationForm form = layers.form();
    if (!container.runsMainClass() || form instanceof ApplicationForm.ExplodedWar) {
      return Optional.empty();
    }
    if (form instanceof ApplicationForm.SpringBootExecutableJar bootJar) {
      SpringBootJar jar = bootJar.jar();
      if (container.mainClass().isPresent()) {
        log.warn("<container><mainClass> (ecr.container.mainClass) " + container.mainClass().get() + " is not used:"
            + " the Spring Boot jar " + jar.jar().getFileName() + " runs its launcher " + jar.launcherClass()
            + ", which starts the Start-Class of its manifest" + jar.startClass().map(name -> ", " + name).orElse("")
            + ".");
      }
      return Optional.of(jar.launcherClass());
    }
    Optional<String> mainClassSource = manifestMainClass;
    if (form instanceof ApplicationForm.PackagedJar packaged) {
      mainClassSource = jarMainClass(packaged.jar()).or(() -> manifestMainClass);
    }
    return Optional.of(resolve(container.mainClass(), mainClassSource, layers, log));
  }

  /** Returns the {@code Main-Class} of a jar's manifest, or empty when it has none. */
  static Optional<String> jarMainClass(Path jar) throws ConfigurationException {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String value = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    } catch (IOException e) {
      throw new ConfigurationException("Failed to read the jar " + jar + ": " + e.getMessage(), e);
    }
  }

  /**
   * Resolves the main class.
   *
   * @param configured the {@code <container><mainClass>} value, or empty
   * @param manifestMainClass the jar plugin's {@code <archive><manifest><mainClass>}, or empty
   * @param layers the application's files: the classes to scan and the dependencies to search
   * @throws ConfigurationException when a named class is missing or has no {@code main} method, or when
   *     scanning finds no class or several classes with a {@code main} method; the message lists the
   *     candidates
   */
  public static String resolve(
      Optional<String> configured, Optional<String> manifestMainClass, ApplicationLayers layers, BuildLog log)
      throws ConfigurationException {
    if (configured.isPresent()) {
      checkMainClass(configured.get(), "<container><mainClass> (ecr.container.mainClass)", layers, log);
      return configured.get();
    }
    if (manifestMainClass.isPresent()) {
      log.debug("Using the main class of the jar plugin's manifest: " + manifestMainClass.get());
      checkMainClass(manifestMainClass.get(), "the maven-jar-plugin's <archive><manifest><mainClass>", layers, log);
      return manifestMainClass.get();
    }
    return findMainClass(layers.outputDirectory(), log);
  }

  private static String findMainClass(Path classesDirectory, BuildLog log) throws ConfigurationException {
    MainClassFinder.Result result =
        MainClassFinder.find(listClassFiles(classesDirectory), event -> log.debug(event.getMessage()));
    switch (result.getType()) {
      case MAIN_CLASS_FOUND:
        log.debug("Found the main class " + result.getFoundMainClass() + " in " + classesDirectory);
        return result.getFoundMainClass();
      case MULTIPLE_MAIN_CLASSES:
        throw new ConfigurationException(
            "Several classes in " + classesDirectory + " have a main method: "
                + String.join(", ", result.getFoundMainClasses())
                + ". Choose one with <container><mainClass> (ecr.container.mainClass).");
      default:
        throw new ConfigurationException(
            "No class with a main method found in " + classesDirectory + ". Compile the project first"
                + " (run the package phase before this goal), or set <container><mainClass> (ecr.container.mainClass)."
                + " A library module that has no image of its own can skip the goals with the property ecr.skip set to"
                + " true in its POM's <properties>.");
    }
  }

  /** Checks that a named main class is in the compiled classes, with a main method, or in a dependency. */
  private static void checkMainClass(String mainClass, String source, ApplicationLayers layers, BuildLog log)
      throws ConfigurationException {
    if (mainClass.endsWith(".class")) {
      throw new ConfigurationException(
          "Invalid main class '" + mainClass + "' in " + source + ": give the class name without .class, such as "
              + mainClass.substring(0, mainClass.length() - ".class".length()) + ".");
    }
    String entry = mainClass.replace('.', '/') + ".class";
    Path classFile = layers.outputDirectory().resolve(entry);
    if (Files.isRegularFile(classFile)) {
      checkHasMainMethod(mainClass, source, classFile, log);
      return;
    }
    Optional<Path> jar = findInJars(entry, layers);
    if (jar.isPresent()) {
      log.debug("Found the main class " + mainClass + " in " + jar.get());
      return;
    }
    throw new ConfigurationException(
        "Main class '" + mainClass + "' from " + source + " not found in " + layers.outputDirectory()
            + " or in the runtime dependencies. Check the package and class name, and compile the project"
            + " first (run the package phase before this goal).");
  }

  private static void checkHasMainMethod(String mainClass, String source, Path classFile, BuildLog log)
      throws ConfigurationException {
    MainClassFinder.Result result = MainClassFinder.find(List.of(classFile), event -> log.debug(event.getMessage()));
    if (result.getType() == MainClassFinder.Result.Type.MAIN_CLASS_FOUND) {
      return;
    }
    // Java 25 allows an instance "void main()", which the scan above does not recognize.
    if (classFileMajorVersion(classFile) >= JAVA_25_CLASS_VERSION) {
      log.debug("Assuming that " + mainClass + " has an instance main method, as Java 25 allows");
      return;
    }
    throw new ConfigurationException(
        "Main class '" + mainClass + "' from " + source + " has no public static void main(String[]) method."
            + " Name the class that starts the application.");
  }

  private static int classFileMajorVersion(Path classFile) throws ConfigurationException {
    try (InputStream input = Files.newInputStream(classFile);
        DataInputStream data = new DataInputStream(input)) {
      data.readInt();
      data.readUnsignedShort();
      return data.readUnsignedShort();
    } catch (IOException e) {
      throw new ConfigurationException("Failed to read the class file " + classFile + ": " + e.getMessage(), e);
    }
  }

  private static Optional<Path> findInJars(String entry, ApplicationLayers layers) throws ConfigurationException {
    List<Path> jars = new ArrayList<>();
    if (layers.form() instanceof ApplicationForm.PackagedJar packaged) {
      jars.add(packaged.jar());
    }
    jars.addAll(layers.projectDependencies());
    jars.addAll(layers.snapshotDependencies());
    jars.addAll(layers.dependencies());
    for (Path jar : jars) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        if (zip.getEntry(entry) != null) {
          return Optional.of(jar);
        }
      } catch (IOException e) {
        throw new ConfigurationException("Failed to read the dependency " + jar + ": " + e.getMessage(), e);
      }
    }
    return Optional.empty();
  }

  private static List<Path> listClassFiles(Path classesDirectory) throws ConfigurationException {
    if (!Files.isDirectory(classesDirectory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(classesDirectory)) {
      return files.filter(file -> file.toString().endsWith(".class")).sorted().collect(Collectors.toList());
    } catch (IOException | UncheckedIOException e) {
      throw new ConfigurationException("Failed to list the classes in " + classesDirectory + ": " + e.getMessage(), e);
    }
  }
}
