package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanSeverityTest {

  @Test
  void thresholdParsesAnyCase() {
    assertEquals(Optional.of(ScanSeverity.HIGH), ScanSeverity.parseThreshold("high"));
    assertEquals(Optional.of(ScanSeverity.INFORMATIONAL), ScanSeverity.parseThreshold(" Informational "));
  }

  @Test
  void thresholdNoneOnlyReports() {
    assertEquals(Optional.empty(), ScanSeverity.parseThreshold("NONE"));
  }

  @Test
  void thresholdRejectsUnknownName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScanSeverity.parseThreshold("SEVERE"));
    assertTrue(e.getMessage().contains("CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNDEFINED or NONE"), e.getMessage());
  }

  @Test
  void unknownReportedSeverityCountsAsUndefined() {
    assertEquals(ScanSeverity.UNDEFINED, ScanSeverity.of("UNTRIAGED"));
    assertEquals(ScanSeverity.UNDEFINED, ScanSeverity.of(null));
    assertEquals(ScanSeverity.CRITICAL, ScanSeverity.of("CRITICAL"));
  }

  @Test
  void severitiesAreOrderedFromUndefinedToCritical() {
    assertTrue(ScanSeverity.CRITICAL.isAtLeast(ScanSeverity.HIGH));
    assertTrue(ScanSeverity.HIGH.isAtLeast(ScanSeverity.HIGH));
    assertFalse(ScanSeverity.MEDIUM.isAtLeast(ScanSeverity.HIGH));
    assertTrue(ScanSeverity.INFORMATIONAL.isAtLeast(ScanSeverity.UNDEFINED));
    assertFalse(ScanSeverity.UNDEFINED.isAtLeast(ScanSeverity.INFORMATIONAL));
  }
}
