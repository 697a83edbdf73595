package io.github.ecrmaven.aws;

import io.github.ecrmaven.ConfigurationException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/**
 * Builds ECR clients once per (region, endpoint, profile) and shares them across the modules and
 * threads of a build, because building a client costs far more than a call.
 *
 * <p>The clients live as long as the plugin's class loader, which Maven keeps for the whole build.
 */
public final class EcrClients {
  private static final Map<ClientKey, EcrClient> CLIENTS = new ConcurrentHashMap<>();

  private EcrClients() {}

  /** The values that make two clients different. */
  private record ClientKey(String region, Optional<URI> endpoint, Optional<String> profile) {}

  /**
   * Resolves the region: the configured one, then the registry host's, then the AWS SDK's region chain
   * (the {@code AWS_REGION} variable, the {@code aws.region} system property, the shared config file).
   *
   * @param hostRegion the region a full image reference names, or empty
   * @throws ConfigurationException when the configured region contradicts the host or no region is found
   */
  public static String resolveRegion(AwsSettings settings, Optional<String> hostRegion)
      throws ConfigurationException {
    if (settings.region().isPresent()) {
      if (hostRegion.isPresent() && !hostRegion.get().equals(settings.region().get())) {
        throw new ConfigurationException(
            "Conflicting regions: <region> (ecr.region) is '" + settings.region().get() + "' but the registry in"
                + " <to><image> is in '" + hostRegion.get() + "'. Remove <region> or make the two agree.");
      }
      return settings.region().get();
    }
    if (hostRegion.isPresent()) {
      return hostRegion.get();
    }
    String region;
    try {
      DefaultAwsRegionProviderChain chain =
          DefaultAwsRegionProviderChain.builder().profileName(settings.profile().orElse(null)).build();
      region = chain.getRegion().id();
    } catch (SdkClientException e) {
      throw new ConfigurationException(
          "No AWS region is configured: set <region> (ecr.region), the AWS_REGION environment variable, or a"
              + " region in your AWS config profile.");
    }
    if (!AwsSettings.isRegionCode(region)) {
      throw new ConfigurationException(
          "Invalid AWS region '" + region + "' from the AWS SDK's region chain (the AWS_REGION environment"
              + " variable, the aws.region system property or the profile's region): an AWS region code looks"
              + " like eu-west-1. Fix that setting or set <region> (ecr.region).");
    }
    return region;
  }

  /**
   * Checks that a configured profile exists in the shared AWS config files, so that a typo fails before
   * any AWS call instead of falling back to other credentials.
   *
   * @throws ConfigurationException naming the profile and the files searched
   */
  public static void checkProfile(AwsSettings settings) throws ConfigurationException {
    if (settings.profile().isEmpty()) {
      return;
    }
    String profile = settings.profile().get();
    if (ProfileFile.defaultProfileFile().profile(profile).isEmpty()) {
      throw new ConfigurationException(
          "AWS profile '" + profile + "' from <aws><profile> (ecr.aws.profile) not found in "
              + ProfileFileLocation.configurationFilePath() + " or " + ProfileFileLocation.credentialsFilePath()
              + ". Check the name ('aws configure list-profiles' lists them), or remove <aws><profile> to use"
              + " the default credential chain.");
    }
  }

  /** Returns the shared client for the region and settings, building it on first use. */
  public static EcrClient get(String region, AwsSettings settings) {
    ClientKey key = new ClientKey(region, settings.endpoint(), settings.profile());
    return CLIENTS.computeIfAbsent(key, EcrClients::build);
  }

  private static EcrClient build(ClientKey key) {
    EcrClientBuilder builder =
        EcrClient.builder()
            .region(Region.of(key.region()))
            .credentialsProvider(credentials(key.profile()))
            .httpClientBuilder(ApacheHttpClient.builder());
    key.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * Returns the credentials of the named profile alone when one is configured, so that environment
   * variables cannot silently replace the identity the POM names, else the SDK's default chain.
   */
  private static AwsCredentialsProvider credentials(Optional<String> profile) {
    if (profile.isPresent()) {
      return ProfileCredentialsProvider.builder().profileName(profile.get()).build();
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
