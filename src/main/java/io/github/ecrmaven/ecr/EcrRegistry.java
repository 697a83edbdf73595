package io.github.ecrmaven.ecr;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private ECR registry host and the account and region it belongs to.
 *
 * <p>The host forms AWS documents are {@code <account>.dkr.ecr.<region>.<dns suffix>}, the FIPS form
 * {@code <account>.dkr.ecr-fips.<region>.<dns suffix>} and the dual-stack form
 * {@code <account>.dkr-ecr.<region>.on.aws}. The DNS suffix depends on the partition, so it is read
 * from the host, never assumed.
 */
public record EcrRegistry(String host, String accountId, String region, boolean fips, boolean dualStack) {
  private static final Pattern HOST =
      Pattern.compile(
          "(?<account>[0-9]{12})\\.(?<service>dkr\\.ecr|dkr\\.ecr-fips|dkr-ecr|dkr-ecr-fips)"
              + "\\.(?<region>[a-z]{2,4}(?:-[a-z]+)+-[0-9]+)\\.(?<suffix>[a-z0-9.-]+)");

  /**
   * Parses a registry host, such as {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}.
   *
   * @return the registry, or empty when the host is not a private ECR registry host
   */
  public static Optional<EcrRegistry> parse(String host) {
    if (host == null) {
      return Optional.empty();
    }
    Matcher matcher = HOST.matcher(host.toLowerCase(java.util.Locale.ROOT));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String service = matcher.group("service");
    return Optional.of(
        new EcrRegistry(
            host,
            matcher.group("account"),
            matcher.group("region"),
            service.endsWith("-fips"),
            service.startsWith("dkr-ecr")));
  }
}
