package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.api.LogEvent;
import io.github.ecrmaven.BuildLog;
import java.util.function.Consumer;

/** Passes Jib's log events to the build log: warnings and errors as warnings, lifecycle as info. */
final class JibLogAdapter implements Consumer<LogEvent> {
  private final BuildLog log;

  JibLogAdapter(BuildLog log) {
    this.log = log;
  }

  @Override
  public void accept(LogEvent event) {
    switch (event.getLevel()) {
      case ERROR:
      case WARN:
        log.warn(event.getMessage());
        break;
      case LIFECYCLE:
        log.info(event.getMessage());
        break;
      default:
        log.debug(event.getMessage());
        break;
    }
  }
}
