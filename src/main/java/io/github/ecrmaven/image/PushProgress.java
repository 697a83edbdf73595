package io.github.ecrmaven.image;

import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.Allocation;
import io.github.ecrmaven.BuildLog;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns Jib's progress events into progress lines: the share of the work done, the layers uploaded
 * and their bytes, at most once per interval. It passes them to {@code BuildLog.progress}, which
 * the Maven build log shows only on an interactive console.
 */
final class PushProgress implements Consumer<ProgressEvent> {
  static final Duration INTERVAL = Duration.ofSeconds(1);
  /**
   * The start of the description Jib Core 0.28.1 gives the allocation of a blob upload, whose units
   * are the blob's bytes. The description is not part of Jib's API, so a change there only drops the
   * layer counts from the lines.
   */
  private static final String BLOB_UPLOAD = "pushing blob ";

  private final BuildLog log;
  private final LongSupplier clock;
  private final Map<Allocation, Long> uploads = new IdentityHashMap<>();
  private double done;
  private long lastReport;

  PushProgress(BuildLog log) {
    this(log, System::nanoTime);
  }

  PushProgress(BuildLog log, LongSupplier clock) {
    this.log = log;
    this.clock = clock;
    this.lastReport = clock.getAsLong();
  }

  @Override
  public synchronized void accept(ProgressEvent event) {
    Allocation allocation = event.getAllocation();
    done += allocation.getFractionOfRoot() * event.getUnits();
    if (allocation.getDescription().startsWith(BLOB_UPLOAD)) {
      uploads.merge(allocation, event.getUnits(), Long::sum);
    }
    long now = clock.getAsLong();
    if (now - lastReport >= INTERVAL.toNanos()) {
      lastReport = now;
      log.progress(line());
    }
  }

  /** Returns the current progress line, such as {@code Pushing: 42 % done, 1 of 3 layers (12.5 of 30.0 MB)}. */
  synchronized String line() {
    long totalBytes = 0;
    long sentBytes = 0;
    int finished = 0;
    for (Map.Entry<Allocation, Long> upload : uploads.entrySet()) {
      long size = upload.getKey().getAllocationUnits();
      totalBytes += size;
      sentBytes += Math.min(size, upload.getValue());
      if (upload.getValue() >= size) {
        finished++;
      }
    }
    String percent = String.format(Locale.ROOT, "Pushing: %d %% done", Math.round(Math.min(1.0, done) * 100));
    if (uploads.isEmpty()) {
      return percent;
    }
    return percent + String.format(Locale.ROOT, ", %d of %d layers (%.1f of %.1f MB)", finished, uploads.size(),
        sentBytes / 1e6, totalBytes / 1e6);
  }
}
