package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.MainClassFinder;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides the container's main class: the configured one, else the jar plugin's manifest main class,
 * else the single class with a {@code main} method among the compiled classes.
 */
public final class MainClassResolver {
  private MainClassResolver() {}

  /**
   * Resolves the main class.
   *
   * @param configured the {@code <container><mainClass>} value, or empty
   * @param manifestMainClass the jar plugin's {@code <archive><manifest><mainClass>}, or empty
   * @param classesDirectory the compiled classes to scan when neither is set
   * @throws ConfigurationException when no class or several classes have a {@code main} method; the
   *     message lists the candidates
   */
  public static String resolve(
      Optional<String> configured, Optional<String> manifestMainClass, Path classesDirectory, BuildLog log)
      throws ConfigurationException {
    if (configured.isPresent()) {
      return configured.get();
    }
    if (manifestMainClass.isPresent()) {
      log.debug("Using the main class of the jar plugin's manifest: " + manifestMainClass.get());
      return manifestMainClass.get();
    }

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
                + " (mvn package ecr:push), or set <container><mainClass> (ecr.container.mainClass).");
    }
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
