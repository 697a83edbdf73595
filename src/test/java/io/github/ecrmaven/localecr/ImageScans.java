package io.github.ecrmaven.localecr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The local ECR's scanning state: the registry scanning configuration and the scan of each image, which
 * moves through a sequence of statuses, one per {@code DescribeImageScanFindings} call. Thread-safe.
 */
final class ImageScans {

  /**
   * A registry scanning rule.
   *
   * @param scanFrequency {@code SCAN_ON_PUSH}, {@code CONTINUOUS_SCAN} or {@code MANUAL}
   * @param filters the {@code WILDCARD} repository filters, where {@code *} matches any run of characters
   */
  record Rule(String scanFrequency, List<String> filters) {
    Rule {
      filters = List.copyOf(filters);
    }

    boolean matches(String repository) {
      for (String filter : filters) {
        StringBuilder regex = new StringBuilder();
        for (String literal : filter.split("\\*", -1)) {
          if (!regex.isEmpty()) {
            regex.append(".*");
          }
          regex.append(Pattern.quote(literal));
        }
        if (repository.matches(regex.toString())) {
          return true;
        }
      }
      return false;
    }
  }

  /** The registry scanning configuration: {@code BASIC} or {@code ENHANCED}, with at most two rules. */
  record Configuration(String scanType, List<Rule> rules) {
    Configuration {
      rules = List.copyOf(rules);
    }
  }

  /** The state of an image's scan that one {@code DescribeImageScanFindings} call returns. */
  record Snapshot(String status, List<LocalScanFinding> findings, Instant startedAt) {}

  /** The scan of one image: its statuses in order, the call count, and the findings it reports once finished. */
  private static final class Scan {
    private final List<String> statuses;
    private final List<LocalScanFinding> findings;
    private final Instant startedAt;
    private int calls;

    Scan(List<String> statuses, List<LocalScanFinding> findings, Instant startedAt) {
      this.statuses = List.copyOf(statuses);
      this.findings = List.copyOf(findings);
      this.startedAt = startedAt;
    }

    /** Returns the status for this call, and moves to the next one; the last status stays. */
    synchronized Snapshot next() {
      String status = statuses.get(Math.min(calls, statuses.size() - 1));
      calls++;
      return new Snapshot(status, findings, startedAt);
    }
  }

  private volatile Configuration configuration = new Configuration("BASIC", List.of());
  private final Map<String, Scan> scans = new ConcurrentHashMap<>();

  Configuration configuration() {
    return configuration;
  }

  void configure(Configuration newConfiguration) {
    configuration = newConfiguration;
  }

  /** Sets the scan of an image, replacing an earlier one. {@code statuses} must not be empty. */
  void script(String repository, String digest, List<String> statuses, List<LocalScanFinding> findings,
      Instant now) {
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("A scan needs at least one status, such as COMPLETE");
    }
    scans.put(key(repository, digest), new Scan(statuses, findings, now));
  }

  /** Starts a scan of an image with no findings, unless one exists; returns whether it started one. */
  boolean start(String repository, String digest, List<String> statuses, Instant now) {
    return scans.putIfAbsent(key(repository, digest), new Scan(statuses, List.of(), now)) == null;
  }

  /** Returns the next reading of the image's scan, or empty when the image has none. */
  Optional<Snapshot> next(String repository, String digest) {
    Scan scan = scans.get(key(repository, digest));
    return scan == null ? Optional.empty() : Optional.of(scan.next());
  }

  /**
   * Returns the scan frequency that applies to a repository: a matching rule's, with
   * {@code CONTINUOUS_SCAN} first for enhanced scanning, else {@code SCAN_ON_PUSH} from the repository's
   * own setting under basic scanning, else empty.
   */
  Optional<String> automaticFrequency(String repository, boolean repositoryScanOnPush) {
    Configuration current = configuration;
    List<String> order = new ArrayList<>(List.of("CONTINUOUS_SCAN", "SCAN_ON_PUSH"));
    for (String frequency : order) {
      for (Rule rule : current.rules()) {
        if (rule.scanFrequency().equals(frequency) && rule.matches(repository)) {
          return Optional.of(frequency);
        }
      }
    }
    if (current.scanType().equals("BASIC") && repositoryScanOnPush) {
      return Optional.of("SCAN_ON_PUSH");
    }
    return Optional.empty();
  }

  private static String key(String repository, String digest) {
    return repository + "@" + digest;
  }
}
