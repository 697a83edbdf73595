package io.github.ecrmaven.testing;

import io.github.ecrmaven.BuildLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the info, warning and progress messages of a run, and the debug messages when made with
 * {@link #withDebug()}; Jib's threads may log at the same time.
 */
public final class RecordingLog implements BuildLog {
  private final List<String> infos = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> progress = new ArrayList<>();
  private final List<String> debugs = new ArrayList<>();
  private final boolean debugEnabled;

  public RecordingLog() {
    this(false);
  }

  private RecordingLog(boolean debugEnabled) {
    this.debugEnabled = debugEnabled;
  }

  /** Returns a log that also keeps debug messages, and says that debug is enabled. */
  public static RecordingLog withDebug() {
    return new RecordingLog(true);
  }

  @Override
  public synchronized void info(String message) {
    infos.add(message);
  }

  @Override
  public synchronized void debug(String message) {
    if (debugEnabled) {
      debugs.add(message);
    }
  }

  @Override
  public synchronized void progress(String message) {
    progress.add(message);
  }

  @Override
  public synchronized void warn(String message) {
    warnings.add(message);
  }

  @Override
  public boolean isDebugEnabled() {
    return debugEnabled;
  }

  public synchronized List<String> infos() {
    return List.copyOf(infos);
  }

  public synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }

  public synchronized List<String> progress() {
    return List.copyOf(progress);
  }

  public synchronized List<String> debugs() {
    return List.copyOf(debugs);
  }
}
