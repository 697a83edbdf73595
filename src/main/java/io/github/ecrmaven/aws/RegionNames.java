package io.github.ecrmaven.aws;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.Spelling;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * Spots a misspelled region, such as {@code eu-wset-1}, against the regions the AWS SDK lists. An unknown
 * region only gets a warning, because AWS opens regions that an older SDK does not know yet.
 */
public final class RegionNames {
  private static final int MAX_TYPO_DISTANCE = 2;

  private RegionNames() {}

  /** Warns when the AWS SDK does not list {@code region}, naming the closest region it lists, if any. */
  public static void warnIfUnknown(String region, BuildLog log) {
    if (Region.regions().stream().anyMatch(known -> known.id().equals(region))) {
      return;
    }
    Optional<String> closest = closestKnown(region);
    log.warn("The AWS SDK " + sdkVersion() + " does not know the region '" + region + "'"
        + closest.map(name -> ": did you mean " + name + "? Fix <region> (ecr.region), AWS_REGION or the profile's"
            + " region.").orElse(". If it is a region newer than this SDK, the calls may still work."));
  }

  /** Returns the known region within two edits of {@code region}, such as a swap of two letters. */
  static Optional<String> closestKnown(String region) {
    String best = null;
    int bestDistance = MAX_TYPO_DISTANCE + 1;
    for (Region known : Region.regions()) {
      int distance = Spelling.distance(region, known.id());
      if (distance < bestDistance) {
        best = known.id();
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String sdkVersion() {
    return software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION;
  }
}
