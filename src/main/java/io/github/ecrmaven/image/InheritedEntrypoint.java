package io.github.ecrmaven.image;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.BaseImageConfigs.StartCommand;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks, before a layer is pushed or a tarball written, that an image that keeps its base image's
 * entrypoint gets something to start: a WAR image, whose base image's entrypoint starts the servlet
 * container, or an image with {@code <container><entrypoint>INHERIT</entrypoint>}. A base image with neither
 * an entrypoint nor a command would give an image that starts nothing.
 */
public final class InheritedEntrypoint {
  private final BuildLog log;

  public InheritedEntrypoint(BuildLog log) {
    this.log = log;
  }

  /**
   * Reads the base image's configuration when the image keeps its entrypoint, and checks it.
   *
   * @param baseImageCache the directory of Jib's base image cache
   * @param offline whether to read the configuration only from the base image cache
   * @throws ConfigurationException when the base image has neither an entrypoint nor a command for a platform
   */
  public void check(ApplicationImage image, Path baseImageCache, boolean offline) throws ConfigurationException {
    if (!image.container().inheritsEntrypoint()) {
      return;
    }
    List<StartCommand> commands = new BaseImageConfigs(log)
        .read(image.baseImage(), image.container().platforms(), baseImageCache, offline);
    for (StartCommand command : commands) {
      log.debug("Base image " + image.baseImage().configuredReference() + " for " + command.platform()
          + ": entrypoint " + command.entrypoint() + ", command " + command.command());
      require(image, command, commands.size() > 1);
    }
  }

  /**
   * Fails when the base image's start command for one platform is empty.
   *
   * @param namePlatform whether to name the platform, because the image has several
   * @throws ConfigurationException naming the base image, why the image would not start, and the fix
   */
  static void require(ApplicationImage image, StartCommand baseCommand, boolean namePlatform)
      throws ConfigurationException {
    if (!baseCommand.isEmpty()) {
      return;
    }
    String baseImage = "The base image " + image.baseImage().configuredReference() + " from <from><image>"
        + " (ecr.from.image)" + (namePlatform ? " has, for " + baseCommand.platform() + "," : " has")
        + " neither an entrypoint nor a command";
    if (image.layers().form() instanceof ApplicationForm.ExplodedWar) {
      throw new ConfigurationException(baseImage + ", so it is not a servlet container image: a WAR image keeps the"
          + " base image's entrypoint to start its servlet container, and this one would start nothing. Choose a"
          + " servlet container base image, such as an official tomcat image, or set <container><entrypoint>"
          + " (ecr.container.entrypoint) to the command that starts the server.");
    }
    throw new ConfigurationException(baseImage + ", so <container><entrypoint> (ecr.container.entrypoint) INHERIT"
        + " would give an image that starts nothing. Choose a base image with an entrypoint, or set"
        + " <container><entrypoint> to the command to start.");
  }
}
