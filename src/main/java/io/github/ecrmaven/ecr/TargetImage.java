package io.github.ecrmaven.ecr;

import io.github.ecrmaven.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The destination of an image: an ECR repository, the registry when the configuration names one, and the
 * tags to push.
 *
 * @param registry the registry a full {@code <to><image>} reference names, or empty when only a
 *     repository name is configured and the caller's own registry in the resolved region is meant
 * @param repository the repository name
 * @param tags the tags to push, at least one, without duplicates, in configuration order
 * @param registryId the account of the target registry: the configured one or the reference's, or empty
 *     for the caller's own
 * @param registryEndpoint the host and port to reach the registry at instead of its own host, such as a
 *     VPC endpoint without private DNS, or empty
 */
public record TargetImage(
    Optional<EcrRegistry> registry,
    RepositoryName repository,
    List<ImageTag> tags,
    Optional<String> registryId,
    Optional<String> registryEndpoint) {
  private static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("[0-9]{12}");
  private static final java.util.regex.Pattern HOST_AND_PORT =
      java.util.regex.Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");

  public TargetImage {
    tags = List.copyOf(tags);
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("A target image needs at least one tag");
    }
  }

  /**
   * Resolves the target from the plugin's configuration, validating every value before any network call.
   *
   * @param imageReference the {@code <to><image>} value, a full ECR reference, or null
   * @param repositoryName the {@code <repository>} value, used when no image reference is set
   * @param configuredTags the {@code <to><tags>} values
   * @throws ConfigurationException when a value is invalid or no tag is left to push
   */
  public static TargetImage resolve(String imageReference, String repositoryName, List<String> configuredTags)
      throws ConfigurationException {
    return resolve(imageReference, repositoryName, configuredTags, null, null);
  }

  /**
   * Resolves the target like {@link #resolve(String, String, List)}, with an explicit registry ID and a
   * registry endpoint override.
   *
   * @param registryId the {@code <registryId>} value, a 12-digit account ID, or null
   * @param registryEndpoint the {@code <registryEndpoint>} value, {@code host} or {@code host:port}, or null
   * @throws ConfigurationException when a value is invalid or the registry ID contradicts the reference
   */
  public static TargetImage resolve(
      String imageReference, String repositoryName, List<String> configuredTags, String registryId,
      String registryEndpoint) throws ConfigurationException {
    Set<String> tagValues = new LinkedHashSet<>();
    for (String tag : configuredTags) {
      tagValues.add(tag == null ? "" : tag.trim());
    }

    Optional<EcrRegistry> registry = Optional.empty();
    RepositoryName repository;
    if (imageReference != null && !imageReference.isBlank()) {
      ParsedReference parsed = ParsedReference.parse(imageReference.trim());
      registry = Optional.of(parsed.registry());
      repository = RepositoryName.parse(parsed.repository(), "<to><image> (ecr.to.image)");
      if (parsed.tag().isPresent()) {
        tagValues.add(ImageTag.parse(parsed.tag().get(), "<to><image> (ecr.to.image)").value());
      }
    } else {
      repository = RepositoryName.parse(repositoryName, "<repository> (ecr.repository)");
    }

    List<ImageTag> tags = new ArrayList<>();
    for (String value : tagValues) {
      tags.add(ImageTag.parse(value, "<to><tags> (ecr.to.tags)"));
    }
    if (tags.isEmpty()) {
      throw new ConfigurationException(
          "No image tag to push: set <to><tags> (ecr.to.tags) or add a tag to <to><image>, such as :1.0.0.");
    }
    return new TargetImage(registry, repository, tags, resolveRegistryId(registry, registryId),
        parseRegistryEndpoint(registryEndpoint, "<registryEndpoint> (ecr.registryEndpoint)"));
  }

  private static Optional<String> resolveRegistryId(Optional<EcrRegistry> registry, String configured)
      throws ConfigurationException {
    if (configured == null || configured.isBlank()) {
      return registry.map(EcrRegistry::accountId);
    }
    String id = configured.trim();
    if (!ACCOUNT_ID.matcher(id).matches()) {
      throw new ConfigurationException(
          "Invalid <registryId> (ecr.registryId) '" + configured + "': a registry ID is the 12-digit AWS account"
              + " ID of the registry, such as 123456789012.");
    }
    if (registry.isPresent() && !registry.get().accountId().equals(id)) {
      throw new ConfigurationException(
          "Conflicting registries: <registryId> (ecr.registryId) is " + id + " but <to><image> names the registry"
              + " of account " + registry.get().accountId() + ". Remove <registryId> or make the two agree.");
    }
    return Optional.of(id);
  }

  /**
   * Validates a registry endpoint override, {@code host} or {@code host:port}.
   *
   * @param parameter the element and property that set it, for the message
   * @return the endpoint, or empty when {@code value} is blank
   * @throws ConfigurationException naming the parameter, the value and the expected form
   */
  public static Optional<String> parseRegistryEndpoint(String value, String parameter)
      throws ConfigurationException {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String endpoint = value.trim();
    boolean valid = HOST_AND_PORT.matcher(endpoint).matches();
    if (valid && endpoint.contains(":")) {
      int port = Integer.parseInt(endpoint.substring(endpoint.indexOf(':') + 1));
      valid = port >= 1 && port <= 65535;
    }
    if (!valid) {
      throw new ConfigurationException(
          "Invalid " + parameter + " '" + value + "': give the host and optional port the"
              + " registry is reached at, without a scheme or path, such as"
              + " vpce-0123456789abcdef0-abcdefgh.dkr.ecr.eu-west-1.vpce.amazonaws.com.");
    }
    return Optional.of(endpoint);
  }

  /** A {@code <to><image>} value split into registry host, repository and optional tag. */
  private record ParsedReference(EcrRegistry registry, String repository, Optional<String> tag) {

    static ParsedReference parse(String reference) throws ConfigurationException {
      if (reference.contains("@")) {
        throw new ConfigurationException(
            "Invalid <to><image> (ecr.to.image) '" + reference + "': a push target cannot name a digest."
                + " Remove the @sha256:... part; the digest is known only after the push.");
      }
      int slash = reference.indexOf('/');
      String host = slash < 0 ? "" : reference.substring(0, slash);
      if (slash < 0 || !(host.contains(".") || host.contains(":"))) {
        throw new ConfigurationException(
            "Invalid <to><image> (ecr.to.image) '" + reference + "': it has no registry host. Give a full"
                + " ECR reference such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app, or set only"
                + " <repository> (ecr.repository) to push to your own account's registry.");
      }
      if (host.equalsIgnoreCase("public.ecr.aws")) {
        throw new ConfigurationException(
            "Unsupported <to><image> (ecr.to.image) '" + reference + "': public.ecr.aws is ECR Public, a"
                + " different service with its own API. This plugin pushes to private ECR registries such as"
                + " 123456789012.dkr.ecr.eu-west-1.amazonaws.com.");
      }
      EcrRegistry registry =
          EcrRegistry.parse(host)
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          "Invalid <to><image> (ecr.to.image) '" + reference + "': '" + host + "' is not a"
                              + " private ECR registry host. ECR hosts look like"
                              + " 123456789012.dkr.ecr.eu-west-1.amazonaws.com (account ID, then region)."));

      String path = reference.substring(slash + 1);
      int colon = path.lastIndexOf(':');
      if (colon < 0) {
        return new ParsedReference(registry, path, Optional.empty());
      }
      return new ParsedReference(registry, path.substring(0, colon), Optional.of(path.substring(colon + 1)));
    }
  }
}
