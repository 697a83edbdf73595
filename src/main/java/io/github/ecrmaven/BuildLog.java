package io.github.ecrmaven;

/**
 * Receives the messages of the publishing pipeline, so that the core packages never log directly.
 *
 * <p>The Maven layer implements it on Maven's {@code Log}. Messages never contain a token, password or
 * secret key.
 */
public interface BuildLog {

  /** Reports a milestone the user follows the build by. */
  void info(String message);

  /** Reports a step detail that is useful when diagnosing a build. */
  void debug(String message);

  /** Reports something the user should act on although the build goes on. */
  void warn(String message);

  /**
   * Reports the progress of a long step, such as an upload. Only an interactive console shows it, so
   * the default drops it, and a batch build log gets no repeated lines.
   */
  default void progress(String message) {}

  /** Returns whether debug messages are shown, so that callers can skip building expensive ones. */
  boolean isDebugEnabled();

  /** Returns a log that discards every message. */
  static BuildLog silent() {
    return new BuildLog() {
      @Override
      public void info(String message) {}

      @Override
      public void debug(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public boolean isDebugEnabled() {
        return false;
      }
    };
  }
}
