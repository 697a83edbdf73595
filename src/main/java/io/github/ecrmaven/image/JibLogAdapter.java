package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.LogEvent;
import io.github.ecrmaven.BuildLog;
import java.util.function.Consumer;

/**
 * Passes Jib's log events to the build log: warnings and errors as warnings, lifecycle as info. The base
 * image keeps the reference the user configured, although Jib names it by the host it connects to.
 */
final class JibLogAdapter implements Consumer<LogEvent> {
  private final BuildLog log;
  private final RegistryAccess baseImage;

  JibLogAdapter(BuildLog log, RegistryAccess baseImage) {
    this.log = log;
    this.baseImage = baseImage;
  }

  @Override
  public void accept(LogEvent event) {
    String message = withConfiguredReference(event.getMessage(), baseImage);
    switch (event.getLevel()) {
      case ERROR:
      case WARN:
        log.warn(message);
        break;
      case LIFECYCLE:
        log.info(message);
        break;
      default:
        log.debug(message);
        break;
    }
  }

  /**
   * Returns Jib's message with the base image's configured reference in place of the reference that Jib
   * connects to, such as {@code localhost:5000/base/java:17} for a registry endpoint override.
   */
  static String withConfiguredReference(String message, RegistryAccess baseImage) {
    if (message == null || baseImage.reference().equals(baseImage.configuredReference())) {
      return message;
    }
    return message.replace(baseImage.reference(), baseImage.configuredReference());
  }
}
