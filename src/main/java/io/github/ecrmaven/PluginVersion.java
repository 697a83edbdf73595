package io.github.ecrmaven;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this plugin, which the build writes into {@code plugin-version.properties}. */
public final class PluginVersion {
  /** The plugin's name, as the history of the images it builds records it. */
  public static final String NAME = "ecr-maven-plugin";

  /** The version when the class path has no filtered properties file, as in an IDE that does not filter. */
  static final String UNKNOWN = "unknown";

  private static final String VERSION = read();

  private PluginVersion() {}

  /** Returns the plugin's version, such as {@code 0.1.0}, or {@value #UNKNOWN}. */
  public static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream input = PluginVersion.class.getResourceAsStream("plugin-version.properties")) {
      if (input == null) {
        return UNKNOWN;
      }
      Properties properties = new Properties();
      properties.load(input);
      String version = properties.getProperty("version", "");
      return version.isBlank() || version.startsWith("${") ? UNKNOWN : version.trim();
    } catch (IOException e) {
      return UNKNOWN;
    }
  }
}
