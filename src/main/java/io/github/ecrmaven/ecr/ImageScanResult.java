package io.github.ecrmaven.ecr;

import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of a finished image scan.
 *
 * @param enhanced whether Amazon Inspector's enhanced scanning produced them
 * @param status the final scan status, {@code COMPLETE} or {@code ACTIVE}
 * @param counts the number of findings per severity, as ECR counts them; severities without findings
 *     may be missing
 * @param findings the findings read, the highest severity first. A scan with more findings than the plugin
 *     reads has fewer here than the counts add up to
 */
public record ImageScanResult(
    boolean enhanced, String status, Map<ScanSeverity, Integer> counts, List<ScanFinding> findings) {

  /** Orders findings from the highest severity down, then by name. */
  static final Comparator<ScanFinding> HIGHEST_FIRST =
      Comparator.comparing(ScanFinding::severity).reversed().thenComparing(ScanFinding::name);

  public ImageScanResult {
    EnumMap<ScanSeverity, Integer> copy = new EnumMap<>(ScanSeverity.class);
    copy.putAll(counts);
    counts = Collections.unmodifiableMap(copy);
    findings = findings.stream().sorted(HIGHEST_FIRST).toList();
  }

  /** Returns the number of findings of {@code severity}. */
  public int count(ScanSeverity severity) {
    return counts.getOrDefault(severity, 0);
  }

  /** Returns the number of findings in all. */
  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Returns the number of findings of {@code threshold} or a higher severity. */
  public int countAtOrAbove(ScanSeverity threshold) {
    int count = 0;
    for (ScanSeverity severity : ScanSeverity.values()) {
      if (severity.isAtLeast(threshold)) {
        count += count(severity);
      }
    }
    return count;
  }
}
