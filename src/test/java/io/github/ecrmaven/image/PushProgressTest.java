package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.Allocation;
import io.github.ecrmaven.testing.RecordingLog;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PushProgressTest {

  @Test
  void lineCountsLayersAndBytes() {
    AtomicLong clock = new AtomicLong();
    RecordingLog log = new RecordingLog();
    PushProgress progress = new PushProgress(log, clock::get);
    Allocation root = Allocation.newRoot("build", 2);
    Allocation first = root.newChild("pushing blob sha256:aa", 3_000_000);
    Allocation second = root.newChild("pushing blob sha256:bb", 1_000_000);

    progress.accept(new ProgressEvent(first, 3_000_000));
    progress.accept(new ProgressEvent(second, 500_000));

    assertEquals("Pushing: 75 % done, 1 of 2 layers (3.5 of 4.0 MB)", progress.line());
  }

  @Test
  void progressIsReportedOncePerInterval() {
    AtomicLong clock = new AtomicLong();
    RecordingLog log = new RecordingLog();
    PushProgress progress = new PushProgress(log, clock::get);
    Allocation root = Allocation.newRoot("build", 10);

    progress.accept(new ProgressEvent(root, 1));
    clock.addAndGet(PushProgress.INTERVAL.toNanos());
    progress.accept(new ProgressEvent(root, 1));
    progress.accept(new ProgressEvent(root, 1));

    assertEquals(List.of("Pushing: 20 % done"), log.progress());
  }
}
