package io.github.ecrmaven.image;

import java.util.Optional;

/**
 * Everything the application image is built from.
 *
 * @param baseImage the base image and the credential for its registry
 * @param layers the application's files
 * @param mainClass the resolved main class, or empty when a configured entrypoint replaces the Java command
 * @param container the other container settings
 */
public record ApplicationImage(
    RegistryAccess baseImage, ApplicationLayers layers, Optional<String> mainClass, ContainerSettings container) {

  /** Describes what the container starts, for log lines: the main class or the entrypoint. */
  public String startCommand() {
    if (mainClass.isPresent()) {
      return "main class " + mainClass.get();
    }
    if (container.inheritsEntrypoint()) {
      return "the base image's entrypoint";
    }
    return "entrypoint " + String.join(" ", container.entrypoint());
  }
}
