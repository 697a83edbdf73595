package io.github.ecrmaven.ecr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats the findings of a scan as a table of counts by severity and a list of the top findings. */
public final class ScanSummary {
  /** The number of findings listed at info; the rest go to the debug log. */
  public static final int TOP_FINDINGS = 10;

  private ScanSummary() {}

  /**
   * Returns the table of counts, one line per severity from {@code CRITICAL} down, with a header and a
   * total, such as {@code "  HIGH              2"}.
   */
  public static List<String> table(ImageScanResult result) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "  %-15s %6s", "Severity", "Count"));
    for (int i = ScanSeverity.values().length - 1; i >= 0; i--) {
      ScanSeverity severity = ScanSeverity.values()[i];
      lines.add(String.format(Locale.ROOT, "  %-15s %6d", severity, result.count(severity)));
    }
    lines.add(String.format(Locale.ROOT, "  %-15s %6d", "Total", result.total()));
    return lines;
  }

  /**
   * Returns one line per finding from index {@code from} (inclusive) to {@code to} (exclusive, capped at
   * the number of findings), each with the severity, the name and the package.
   */
  public static List<String> findings(ImageScanResult result, int from, int to) {
    List<String> lines = new ArrayList<>();
    List<ScanFinding> findings = result.findings();
    for (int i = from; i < Math.min(to, findings.size()); i++) {
      ScanFinding finding = findings.get(i);
      String line = String.format(Locale.ROOT, "  %-13s %-24s %s", finding.severity(), finding.name(),
          finding.packageName().isEmpty() ? "(no package named)" : finding.packageName());
      lines.add(line.stripTrailing());
    }
    return lines;
  }

  /** Describes the findings at or above {@code threshold} by severity, such as "1 CRITICAL, 2 HIGH". */
  public static String countsAtOrAbove(ImageScanResult result, ScanSeverity threshold) {
    List<String> parts = new ArrayList<>();
    for (int i = ScanSeverity.values().length - 1; i >= 0; i--) {
      ScanSeverity severity = ScanSeverity.values()[i];
      if (severity.isAtLeast(threshold) && result.count(severity) > 0) {
        parts.add(result.count(severity) + " " + severity);
      }
    }
    return String.join(", ", parts);
  }
}
