package io.github.ecrmaven.maven;

import io.github.ecrmaven.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** Adapts the pipeline's log to Maven's {@link Log}. */
final class MavenBuildLog implements BuildLog {
  private final Log log;
  private final boolean interactive;

  /** Creates a log that drops progress messages, for batch builds. */
  MavenBuildLog(Log log) {
    this(log, false);
  }

  /**
   * @param interactive whether the build runs on an interactive console, where progress messages are
   *     shown at info level
   */
  MavenBuildLog(Log log, boolean interactive) {
    this.log = log;
    this.interactive = interactive;
  }

  @Override
  public void progress(String message) {
    if (interactive) {
      log.info(message);
    }
  }

  @Override
  public void info(String message) {
    log.info(message);
  }

  @Override
  public void debug(String message) {
    log.debug(message);
  }

  @Override
  public void warn(String message) {
    log.warn(message);
  }

  @Override
  public boolean isDebugEnabled() {
    return log.isDebugEnabled();
  }
}
