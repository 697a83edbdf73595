package io.github.ecrmaven.aws;

import io.github.ecrmaven.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The AWS access settings: the region, endpoint overrides, a named profile, an assumed role, and the
 * FIPS and dual-stack endpoint switches. Empty values fall back to the AWS SDK's own resolution
 * (environment, system properties, shared config files).
 *
 * @param region the region the configuration names, or empty
 * @param endpoint the ECR API endpoint override, or empty for the standard endpoint (the SDK still
 *     reads {@code AWS_ENDPOINT_URL_ECR})
 * @param profile the named profile from the shared AWS config files, or empty for the default chain
 * @param role the role to assume on top of the base credentials, or empty
 * @param stsEndpoint the STS endpoint override for assuming the role, or empty (the SDK still reads
 *     {@code AWS_ENDPOINT_URL_STS})
 * @param fips whether to use FIPS endpoints
 * @param dualStack whether to use dual-stack (IPv4 and IPv6) endpoints
 * @param proxy the HTTP proxy for AWS calls, or empty for a direct connection
 */
public record AwsSettings(
    Optional<String> region,
    Optional<URI> endpoint,
    Optional<String> profile,
    Optional<AssumedRole> role,
    Optional<URI> stsEndpoint,
    boolean fips,
    boolean dualStack,
    Optional<ProxySettings> proxy) {
  private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-[0-9]+");

  /**
   * Validates the region, endpoint and profile, with no role and the standard endpoint variants.
   *
   * @throws ConfigurationException when the region or endpoint is malformed
   */
  public static AwsSettings of(String region, String endpoint, String profile) throws ConfigurationException {
    return of(region, endpoint, profile, null, null, null, null, false, false);
  }

  /**
   * Validates every raw configuration value.
   *
   * @throws ConfigurationException naming the parameter, the value and the rule
   */
  public static AwsSettings of(
      String region,
      String endpoint,
      String profile,
      String roleArn,
      String externalId,
      String roleSessionName,
      String stsEndpoint,
      boolean fips,
      boolean dualStack)
      throws ConfigurationException {
    return new AwsSettings(
        parseRegion(region, "<region> (ecr.region)"),
        parseEndpoint(endpoint, "<endpoint> (ecr.endpoint)", "https://api.ecr.eu-west-1.amazonaws.com"),
        blankToEmpty(profile),
        AssumedRole.of(roleArn, externalId, roleSessionName),
        parseEndpoint(stsEndpoint, "<aws><stsEndpoint> (ecr.aws.stsEndpoint)", "https://sts.eu-west-1.amazonaws.com"),
        fips,
        dualStack,
        Optional.empty());
  }

  /** Returns these settings with the given HTTP proxy. */
  public AwsSettings withProxy(Optional<ProxySettings> httpProxy) {
    return new AwsSettings(region, endpoint, profile, role, stsEndpoint, fips, dualStack, httpProxy);
  }

  /** Returns whether {@code region} has the form of an AWS region code, such as eu-west-1. */
  static boolean isRegionCode(String region) {
    return REGION.matcher(region).matches();
  }

  static Optional<String> parseRegion(String value, String parameter) throws ConfigurationException {
    Optional<String> region = blankToEmpty(value);
    if (region.isPresent() && !isRegionCode(region.get())) {
      throw new ConfigurationException(
          "Invalid " + parameter + " '" + value + "': an AWS region code looks like eu-west-1 or"
              + " us-gov-west-1, in lowercase.");
    }
    return region;
  }

  static Optional<URI> parseEndpoint(String value, String parameter, String example)
      throws ConfigurationException {
    Optional<String> text = blankToEmpty(value);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text.get());
      boolean httpScheme = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      if (!httpScheme || uri.getHost() == null) {
        throw new URISyntaxException(text.get(), "not an absolute http or https URL");
      }
      if (uri.getPort() > 65535) {
        throw new ConfigurationException(
            "Invalid " + parameter + " '" + value + "': the port " + uri.getPort() + " is not between 1 and 65535.");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new ConfigurationException(
          "Invalid " + parameter + " '" + value + "': give an absolute URL, such as " + example
              + " or the URL of a VPC endpoint.",
          e);
    }
  }

  static Optional<String> blankToEmpty(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
