package io.github.ecrmaven.testing;

import io.github.ecrmaven.BuildLog;
import java.util.ArrayList;
import java.util.List;

/** Keeps the info, warning and progress messages of a run; Jib's threads may log at the same time. */
public final class RecordingLog implements BuildLog {
  private final List<String> infos = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> progress = new ArrayList<>();

  @Override
  public synchronized void info(String message) {
    infos.add(message);
  }

  @Override
  public void debug(String message) {}

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
    return false;
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
}
