package io.github.ecrmaven.maven;

import io.github.ecrmaven.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** Adapts the pipeline's log to Maven's {@link Log}. */
final class MavenBuildLog implements BuildLog {
  private final Log log;

  MavenBuildLog(Log log) {
    this.log = log;
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
