package io.github.ecrmaven.publish;

import com.google.cloud.tools.jib.api.ImageReference;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.aws.BaseImageAws;
import io.github.ecrmaven.aws.EcrClients;
import io.github.ecrmaven.ecr.AuthorizationTokens;
import io.github.ecrmaven.ecr.EcrAccessException;
import io.github.ecrmaven.ecr.EcrRegistry;
import io.github.ecrmaven.ecr.RegistryCredential;
import io.github.ecrmaven.image.RegistryAccess;
import java.util.Optional;

/**
 * Chooses how the base image is pulled. A base image in a private ECR registry gets an authorization
 * token of its own region, from the target's ECR client when it can share it and otherwise from a client
 * of its own, with the {@code <from><aws>} settings. Any other base image, ECR Public
 * ({@code public.ecr.aws}) included, keeps the credential from settings.xml, or none.
 *
 * <p>{@link #plan} checks the configuration without a network call, so a bad value fails the build
 * before the first AWS call.
 */
final class BaseImageAccess {
  private static final String ECR_PUBLIC = "public.ecr.aws";

  private final RegistryAccess configured;
  private final ImageReference baseImage;
  private final Optional<EcrRegistry> registry;
  private final BaseImageAws fromAws;
  private final Optional<BaseImageAws.Client> client;
  private final boolean sharesTargetClient;

  private BaseImageAccess(RegistryAccess configured, ImageReference baseImage, Optional<EcrRegistry> registry,
      BaseImageAws fromAws, Optional<BaseImageAws.Client> client, boolean sharesTargetClient) {
    this.configured = configured;
    this.baseImage = baseImage;
    this.registry = registry;
    this.fromAws = fromAws;
    this.client = client;
    this.sharesTargetClient = sharesTargetClient;
  }

  /**
   * Plans the base image's access.
   *
   * @param configured the base image with its settings.xml credential, if any
   * @param targetAws the target's AWS settings
   * @param targetRegion the target's resolved region
   * @throws ConfigurationException when {@code <from><aws>} is set for a base image outside private ECR,
   *     or names another region than the base image's host
   */
  static BaseImageAccess plan(RegistryAccess configured, ImageReference baseImage, BaseImageAws fromAws,
      AwsSettings targetAws, String targetRegion) throws ConfigurationException {
    Optional<EcrRegistry> registry = EcrRegistry.parse(baseImage.getRegistry());
    if (registry.isEmpty()) {
      if (!fromAws.isEmpty()) {
        String where = baseImage.getRegistry().equalsIgnoreCase(ECR_PUBLIC)
            ? "is on ECR Public, which serves its images to anyone without a token"
            : "is not in a private ECR registry";
        throw new ConfigurationException(
            "<from><aws> applies only to a base image in a private ECR registry, but the base image "
                + baseImage + " from <from><image> (ecr.from.image) " + where + ". Remove <from><aws>, or name"
                + " the base image by its ECR host, such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/base/java:17.");
      }
      return new BaseImageAccess(configured, baseImage, registry, fromAws, Optional.empty(), false);
    }
    fromAws.checkRegion(registry.get().region(), baseImage.toString());
    EcrClients.checkProfile(fromAws);
    BaseImageAws.Client client = fromAws.clientFor(targetAws, targetRegion, registry.get().region());
    boolean shares = client.settings().equals(targetAws) && client.region().equals(targetRegion);
    EcrClients.endpoint(client.region(), client.settings());
    return new BaseImageAccess(configured, baseImage, registry, fromAws, Optional.of(client), shares);
  }

  /** Returns the base image reference as configured. */
  ImageReference baseImage() {
    return baseImage;
  }

  /**
   * Returns whether the base image is pulled with the target's token: it is in the target's registry
   * (by its own host or the push host) and {@code <from><aws>} is not set, or it is in another private
   * ECR registry that the target's ECR client covers and no registry endpoint of its own is set.
   */
  boolean usesTargetToken(String targetHost, String pushHost) {
    String host = baseImage.getRegistry();
    boolean sameRegistry = host.equalsIgnoreCase(targetHost) || host.equalsIgnoreCase(pushHost);
    return (sameRegistry && fromAws.isEmpty()) || (sharesTargetClient && fromAws.registryEndpoint().isEmpty());
  }

  /**
   * Returns the base image with the target's token. In the target's registry it is reached where the
   * target is pushed, so a registry endpoint override applies to it too.
   */
  RegistryAccess withTargetToken(RegistryCredential token, String targetHost, String pushHost) {
    String host = baseImage.getRegistry();
    boolean sameRegistry = host.equalsIgnoreCase(targetHost) || host.equalsIgnoreCase(pushHost);
    String reference = sameRegistry ? reachedAt(pushHost) : baseImage.toString();
    return RegistryAccess.withCredential(reference, token.username(), token.password())
        .withConfiguredReference(configured.reference());
  }

  /**
   * Returns the base image's access without the target's token: for a base image in private ECR, a
   * token from the ECR client of its region and settings, which the build shares with every module.
   *
   * @param sameRegistryEndpoint where to reach the base image when {@code <from><aws><registryEndpoint>}
   *     is not set, such as the target's registry endpoint override for a base image in the target's
   *     registry, or empty for its own host
   * @throws EcrAccessException when ECR rejects the token request
   */
  RegistryAccess fetch(Optional<String> sameRegistryEndpoint, BuildLog log) throws EcrAccessException {
    if (client.isEmpty()) {
      return configured;
    }
    BaseImageAws.Client baseClient = client.get();
    if (!sharesTargetClient) {
      EcrClients.credentialSourceToReport(baseClient.region(), baseClient.settings())
          .ifPresent(source -> log.info("AWS credentials for the base image " + baseImage + ": " + source));
    }
    RegistryCredential token;
    try {
      token = AuthorizationTokens.shared()
          .get(EcrClients.get(baseClient.region(), baseClient.settings(), baseClient.credentialsRegion()));
    } catch (EcrAccessException e) {
      throw new EcrAccessException("Failed to get an ECR authorization token for the base image " + baseImage
          + " in " + baseClient.region() + ", with the credentials and endpoints of <from><aws>, else of the"
          + " target: " + e.getMessage(), e);
    }
    Optional<String> endpoint = fromAws.registryEndpoint().or(() -> sameRegistryEndpoint);
    endpoint.ifPresent(host -> log.info("Reaching base image registry " + baseImage.getRegistry() + " at " + host));
    String reference = endpoint.map(this::reachedAt).orElse(baseImage.toString());
    return RegistryAccess.withCredential(reference, token.username(), token.password())
        .withConfiguredReference(configured.reference());
  }

  /**
   * Returns the base image's access for an offline build, with no token: where {@link #fetch} would
   * reach it, so that it names the image as the online pull stored it in the base image cache.
   */
  RegistryAccess offline(Optional<String> sameRegistryEndpoint) {
    if (client.isEmpty()) {
      return configured;
    }
    Optional<String> endpoint = fromAws.registryEndpoint().or(() -> sameRegistryEndpoint);
    return RegistryAccess.anonymous(endpoint.map(this::reachedAt).orElse(baseImage.toString()))
        .withConfiguredReference(configured.reference());
  }

  /** Returns whether the base image is in the private ECR registry {@code host}. */
  boolean isInRegistry(String host) {
    return registry.isPresent() && registry.get().host().equalsIgnoreCase(host);
  }

  private String reachedAt(String host) {
    return ImageReference.of(host, baseImage.getRepository(), baseImage.getQualifier()).toString();
  }
}
