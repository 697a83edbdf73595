package io.github.ecrmaven.aws;

import io.github.ecrmaven.ConfigurationException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
import software.amazon.awssdk.services.ecr.endpoints.EcrEndpointParams;
import software.amazon.awssdk.services.ecr.endpoints.EcrEndpointProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds ECR clients once per region and AWS settings (endpoints, profile, role, proxy) and shares them
 * across the modules and threads of a build, because building a client costs far more than a call.
 * Clients with the same credential settings share one credentials provider, so a role is assumed once.
 *
 * <p>The clients live as long as the plugin's class loader, which Maven keeps for the whole build.
 *
 * <p>AWS SDK 2.59.1 fails every call of a client that has both an endpoint override and the FIPS or
 * dual-stack switch ("Invalid Configuration: FIPS and custom endpoint are not supported"), so a client
 * with an endpoint override gets neither switch: the override is used as given.
 */
public final class EcrClients {
  private static final Map<ClientKey, EcrClient> CLIENTS = new ConcurrentHashMap<>();
  private static final Map<CredentialsKey, AwsCredentialsProvider> CREDENTIALS = new ConcurrentHashMap<>();
  private static final Set<ClientKey> REPORTED_SOURCES = ConcurrentHashMap.newKeySet();
  private static final Set<ClientKey> REPORTED_ENDPOINTS = ConcurrentHashMap.newKeySet();

  private EcrClients() {}

  /**
   * The values that make two clients different.
   *
   * @param credentialsRegion the region of the STS client that assumes the role, if any
   */
  private record ClientKey(String region, AwsSettings settings, String credentialsRegion) {}

  /** The values that make two credentials providers different. */
  private record CredentialsKey(
      String stsRegion, Optional<String> profile, Optional<AssumedRole> role, Optional<URI> stsEndpoint,
      boolean fips, boolean dualStack, Optional<ProxySettings> proxy) {

    static CredentialsKey of(String stsRegion, AwsSettings settings) {
      // Without a role no STS client is built, so its region makes no difference.
      return new CredentialsKey(settings.role().isPresent() ? stsRegion : "", settings.profile(), settings.role(),
          settings.role().isPresent() ? settings.stsEndpoint() : Optional.empty(), settings.fips(),
          settings.dualStack(), settings.proxy());
    }
  }

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
    if (settings.profile().isPresent()) {
      checkProfile(settings.profile().get(), Parameters.AWS);
    }
  }

  /**
   * Checks that the {@code <from><aws><profile>}, when set, exists in the shared AWS config files.
   *
   * @throws ConfigurationException naming the profile and the files searched
   */
  public static void checkProfile(BaseImageAws settings) throws ConfigurationException {
    if (settings.profile().isPresent()) {
      checkProfile(settings.profile().get(), Parameters.FROM_AWS);
    }
  }

  private static void checkProfile(String profile, Parameters names) throws ConfigurationException {
    if (ProfileFile.defaultProfileFile().profile(profile).isEmpty()) {
      throw new ConfigurationException(
          "AWS profile '" + profile + "' from " + names.describe("profile") + " not found in "
              + ProfileFileLocation.configurationFilePath() + " or " + ProfileFileLocation.credentialsFilePath()
              + ". Check the name ('aws configure list-profiles' lists them), or remove " + names.element("profile")
              + " to use " + (names == Parameters.AWS ? "the default credential chain." : "the target's credentials."));
    }
  }

  /** Returns the shared client for the region and settings, building it on first use. */
  public static EcrClient get(String region, AwsSettings settings) {
    return get(region, settings, region);
  }

  /**
   * Returns the shared client for the region and settings whose role, if any, is assumed with an STS
   * client of {@code credentialsRegion}, building it on first use.
   */
  public static EcrClient get(String region, AwsSettings settings, String credentialsRegion) {
    return CLIENTS.computeIfAbsent(new ClientKey(region, settings, credentialsRegion), EcrClients::build);
  }

  /**
   * Returns the ECR API endpoint a client of these settings calls: the endpoint override, else the
   * endpoint the AWS SDK's endpoint rules give for the region and the FIPS and dual-stack switches, such as
   * {@code https://api.ecr-fips.us-east-1.amazonaws.com}. It makes no network call.
   *
   * @throws ConfigurationException when the SDK's endpoint rules have no endpoint for the region and switches
   */
  public static URI endpoint(String region, AwsSettings settings) throws ConfigurationException {
    Optional<URI> override = endpointOverride(settings.endpoint(), "AWS_ENDPOINT_URL_ECR");
    if (override.isPresent()) {
      return override.get();
    }
    try {
      EcrEndpointParams parameters = EcrEndpointParams.builder()
          .region(Region.of(region)).useFips(settings.fips()).useDualStack(settings.dualStack()).build();
      return EcrEndpointProvider.defaultProvider().resolveEndpoint(parameters).join().url();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ConfigurationException(
          "No ECR API endpoint for region " + region + (settings.fips() ? " with <aws><fips>" : "")
              + (settings.dualStack() ? " with <aws><dualStack>" : "") + ": " + cause.getMessage()
              + ". Turn the switch off, or set <endpoint> (ecr.endpoint).", e);
    }
  }

  /**
   * Returns, once per client, a line that names the ECR API endpoint and notes when the FIPS or
   * dual-stack switch does not apply because of an endpoint override, and empty afterwards.
   *
   * @throws ConfigurationException as {@link #endpoint} does
   */
  public static Optional<String> endpointToReport(String region, AwsSettings settings)
      throws ConfigurationException {
    if (!REPORTED_ENDPOINTS.add(new ClientKey(region, settings, region))) {
      return Optional.empty();
    }
    URI endpoint = endpoint(region, settings);
    boolean overridden = endpointOverride(settings.endpoint(), "AWS_ENDPOINT_URL_ECR").isPresent();
    if (overridden && (settings.fips() || settings.dualStack())) {
      return Optional.of("ECR API endpoint in " + region + ": " + endpoint + ", an endpoint override, used as"
          + " given: <aws><fips> and <aws><dualStack> choose only the endpoints that are not overridden.");
    }
    return Optional.of("ECR API endpoint in " + region + ": " + endpoint);
  }

  /**
   * Returns the configured endpoint, else the one the SDK reads from the service's environment variable
   * or {@code AWS_ENDPOINT_URL}.
   */
  // NOTE: an endpoint_url in the shared config file also overrides the endpoint, but is not detected here.
  static Optional<URI> endpointOverride(Optional<URI> configured, String serviceVariable) {
    if (configured.isPresent()) {
      return configured;
    }
    Function<String, Optional<URI>> variable = name -> Optional.ofNullable(System.getenv(name))
        .filter(value -> !value.isBlank()).map(value -> URI.create(value.trim()));
    return variable.apply(serviceVariable).or(() -> variable.apply("AWS_ENDPOINT_URL"));
  }

  /**
   * Returns, once per client, a description of where its credentials come from, such as "environment
   * variables" or the assumed role, and empty afterwards. It never contains a secret. For the default
   * chain it names the first source the chain would use, in the chain's order.
   */
  public static Optional<String> credentialSourceToReport(String region, AwsSettings settings) {
    if (!REPORTED_SOURCES.add(new ClientKey(region, settings, region))) {
      return Optional.empty();
    }
    String base = settings.profile().map(profile -> "profile " + profile).orElseGet(EcrClients::defaultChainSource);
    return Optional.of(settings.role()
        .map(role -> "role " + role.roleArn() + " (session " + role.sessionName() + "), assumed with " + base)
        .orElse(base));
  }

  private static String defaultChainSource() {
    if (System.getProperty("aws.accessKeyId") != null) {
      return "the aws.accessKeyId system property";
    }
    if (System.getenv("AWS_ACCESS_KEY_ID") != null) {
      return "environment variables (AWS_ACCESS_KEY_ID)";
    }
    if (System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") != null) {
      return "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)";
    }
    String profile = Optional.ofNullable(System.getenv("AWS_PROFILE")).orElse("default");
    if (ProfileFile.defaultProfileFile().profile(profile).isPresent()) {
      return "profile " + profile + " of the shared AWS config files";
    }
    if (System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null
        || System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
      return "container credentials";
    }
    return "the instance profile";
  }

  private static ApacheHttpClient.Builder httpClient(AwsSettings settings) {
    ApacheHttpClient.Builder builder = ApacheHttpClient.builder();
    settings.proxy().ifPresent(proxy -> builder.proxyConfiguration(proxy.toSdkConfiguration()));
    return builder;
  }

  private static EcrClient build(ClientKey key) {
    AwsSettings settings = key.settings();
    AwsCredentialsProvider credentials =
        CREDENTIALS.computeIfAbsent(CredentialsKey.of(key.credentialsRegion(), settings),
            credentialsKey -> credentials(key.credentialsRegion(), settings));
    EcrClientBuilder builder =
        EcrClient.builder()
            .region(Region.of(key.region()))
            .credentialsProvider(credentials)
            .httpClientBuilder(httpClient(settings));
    settings.endpoint().ifPresent(builder::endpointOverride);
    boolean overridden = endpointOverride(settings.endpoint(), "AWS_ENDPOINT_URL_ECR").isPresent();
    if (settings.fips() && !overridden) {
      builder.fipsEnabled(true);
    }
    if (settings.dualStack() && !overridden) {
      builder.dualstackEnabled(true);
    }
    return builder.build();
  }

  /**
   * Returns the credentials: the named profile alone when one is configured, else the SDK's default
   * chain, so that environment variables cannot silently replace the identity the POM names. A configured
   * role is assumed on top of them.
   */
  private static AwsCredentialsProvider credentials(String region, AwsSettings settings) {
    AwsCredentialsProvider base = settings.profile().isPresent()
        ? ProfileCredentialsProvider.builder().profileName(settings.profile().get()).build()
        : DefaultCredentialsProvider.builder().build();
    if (settings.role().isEmpty()) {
      return base;
    }
    AssumedRole role = settings.role().get();
    StsClientBuilder sts =
        StsClient.builder().region(Region.of(region)).credentialsProvider(base).httpClientBuilder(httpClient(settings));
    settings.stsEndpoint().ifPresent(sts::endpointOverride);
    boolean overridden = endpointOverride(settings.stsEndpoint(), "AWS_ENDPOINT_URL_STS").isPresent();
    if (settings.fips() && !overridden) {
      sts.fipsEnabled(true);
    }
    if (settings.dualStack() && !overridden) {
      sts.dualstackEnabled(true);
    }
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts.build())
        .refreshRequest(request -> request.roleArn(role.roleArn()).roleSessionName(role.sessionName())
            .externalId(role.externalId().orElse(null)))
        .build();
  }
}
