package io.github.ecrmaven.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.testing.RecordingLog;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegionNamesTest {

  @Test
  void swappedLettersSuggestRegion() {
    assertEquals(Optional.of("eu-west-1"), RegionNames.closestKnown("eu-wset-1"));
  }

  @Test
  void distantNameSuggestsNothing() {
    assertEquals(Optional.empty(), RegionNames.closestKnown("mars-north-9"));
  }

  @Test
  void knownRegionGetsNoWarning() {
    RecordingLog log = new RecordingLog();

    RegionNames.warnIfUnknown("eu-west-1", log);

    assertTrue(log.warnings().isEmpty(), log.warnings().toString());
  }

  @Test
  void typoWarnsWithSuggestion() {
    RecordingLog log = new RecordingLog();

    RegionNames.warnIfUnknown("us-esat-1", log);

    assertEquals(1, log.warnings().size());
    assertTrue(log.warnings().get(0).contains("did you mean us-east-1?"), log.warnings().get(0));
  }

  @Test
  void editDistanceCountsSwapAsOne() {
    assertEquals(1, io.github.ecrmaven.Spelling.distance("wset", "west"));
    assertEquals(2, io.github.ecrmaven.Spelling.distance("eu-west-1", "eu-wet-2"));
  }
}
