package io.github.ecrmaven.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The time each stage of a publication took, for the summary line at its end. */
final class StageTimes {
  private final List<String> stages = new ArrayList<>();
  private long stageStart = System.nanoTime();

  /** Ends the current stage under {@code name} and starts the next one. */
  void end(String name) {
    long now = System.nanoTime();
    stages.add(name + " " + String.format(Locale.ROOT, "%.2f s", (now - stageStart) / 1e9));
    stageStart = now;
  }

  /** Returns the summary, such as {@code Stage times: repository 0.41 s, verification 0.03 s}. */
  String summary() {
    return "Stage times: " + String.join(", ", stages);
  }
}
