package io.github.ecrmaven;

/**
 * A configuration value that the plugin cannot use, detected before or instead of any network call.
 *
 * <p>The message names the parameter, repeats the rejected value and gives the fix, so the Maven
 * layer can show it unchanged as a build failure.
 */
public class ConfigurationException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
