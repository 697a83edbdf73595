package io.github.ecrmaven.aws;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.ecr.TargetImage;
import java.net.URI;
import java.util.Optional;

/**
 * The {@code <from><aws>} settings: how to reach the ECR registry of a base image when it needs
 * other access than the target's, such as another region's VPC endpoints or another account's role.
 * Every empty value falls back to the target's {@code <aws>} settings as {@link #clientFor} describes.
 *
 * @param region the base image's region, which must match the region in its registry host, or empty
 * @param endpoint the ECR API endpoint override for the base image's region, or empty
 * @param profile the named profile whose credentials fetch the base image's token, or empty
 * @param role the role to assume for the base image's token, or empty
 * @param stsEndpoint the STS endpoint override for assuming that role, or empty
 * @param registryEndpoint the host and optional port to reach the base image's registry at, such as a
 *     VPC endpoint without private DNS, or empty
 */
public record BaseImageAws(
    Optional<String> region,
    Optional<URI> endpoint,
    Optional<String> profile,
    Optional<AssumedRole> role,
    Optional<URI> stsEndpoint,
    Optional<String> registryEndpoint) {

  /** No {@code <from><aws>} settings: the base image uses the target's access. */
  public static final BaseImageAws NONE = new BaseImageAws(
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * An ECR client for the base image: its region, its AWS settings, and the region its credentials are
   * fetched in (the region of the STS client that assumes a role).
   */
  public record Client(String region, AwsSettings settings, String credentialsRegion) {}

  /**
   * Validates every raw {@code <from><aws>} value.
   *
   * @throws ConfigurationException naming the parameter, the value and the rule
   */
  public static BaseImageAws of(
      String region,
      String endpoint,
      String profile,
      String roleArn,
      String externalId,
      String roleSessionName,
      String stsEndpoint,
      String registryEndpoint)
      throws ConfigurationException {
    Parameters names = Parameters.FROM_AWS;
    return new BaseImageAws(
        AwsSettings.parseRegion(region, names.describe("region")),
        AwsSettings.parseEndpoint(endpoint, names.describe("endpoint"), "https://api.ecr.us-east-1.amazonaws.com"),
        AwsSettings.blankToEmpty(profile),
        AssumedRole.of(roleArn, externalId, roleSessionName, names),
        AwsSettings.parseEndpoint(stsEndpoint, names.describe("stsEndpoint"), "https://sts.us-east-1.amazonaws.com"),
        TargetImage.parseRegistryEndpoint(registryEndpoint, names.describe("registryEndpoint")));
  }

  /** Returns whether no value is set. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /** Returns whether a profile or a role of its own replaces the target's credentials. */
  boolean hasOwnCredentials() {
    return profile.isPresent() || role.isPresent();
  }

  /**
   * Checks that {@code <from><aws><region>}, when set, is the region of the base image's registry host.
   *
   * @throws ConfigurationException naming both regions
   */
  public void checkRegion(String hostRegion, String baseImage) throws ConfigurationException {
    if (region.isPresent() && !region.get().equals(hostRegion)) {
      throw new ConfigurationException(
          "Conflicting regions: " + Parameters.FROM_AWS.describe("region") + " is '" + region.get()
              + "' but the base image " + baseImage + " from <from><image> (ecr.from.image) is in '" + hostRegion
              + "'. Remove " + Parameters.FROM_AWS.element("region") + " or make the two agree.");
    }
  }

  /**
   * Returns the ECR client settings for a base image in {@code baseRegion}. Without values of its own
   * and in the target's region, that is the target's client, so the two share one token. Otherwise:
   *
   * <ul>
   *   <li>the ECR API endpoint is {@code <from><aws><endpoint>}, else the target's {@code <endpoint>}
   *       when the regions are the same, else the standard endpoint of the base image's region;
   *   <li>the credentials are the target's, assumed role included, unless {@code <from><aws>} sets a
   *       profile or a role. {@code <from><aws><profile>} replaces the target's profile and role, and
   *       {@code <from><aws><roleArn>} is assumed on top of {@code <from><aws><profile>}, else the
   *       target's profile, in the base image's region;
   *   <li>the proxy and the FIPS and dual-stack switches are the target's.
   * </ul>
   *
   * @param target the target's settings
   * @param targetRegion the target's resolved region
   */
  public Client clientFor(AwsSettings target, String targetRegion, String baseRegion) {
    boolean sameRegion = baseRegion.equals(targetRegion);
    if (sameRegion && endpoint.isEmpty() && !hasOwnCredentials()) {
      return new Client(targetRegion, target, targetRegion);
    }
    Optional<URI> ecrEndpoint = endpoint;
    if (ecrEndpoint.isEmpty() && sameRegion) {
      ecrEndpoint = target.endpoint();
    }
    if (!hasOwnCredentials()) {
      AwsSettings settings = new AwsSettings(Optional.of(baseRegion), ecrEndpoint, target.profile(), target.role(),
          target.stsEndpoint(), target.fips(), target.dualStack(), target.proxy());
      return new Client(baseRegion, settings, targetRegion);
    }
    Optional<String> baseProfile = profile.isPresent() ? profile : role.isPresent() ? target.profile() : Optional.empty();
    Optional<URI> baseStsEndpoint = stsEndpoint.isPresent() ? stsEndpoint
        : sameRegion && role.isPresent() ? target.stsEndpoint() : Optional.empty();
    AwsSettings settings = new AwsSettings(Optional.of(baseRegion), ecrEndpoint, baseProfile, role, baseStsEndpoint,
        target.fips(), target.dualStack(), target.proxy());
    return new Client(baseRegion, settings, baseRegion);
  }
}
