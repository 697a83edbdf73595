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
 */
public record TargetImage(Optional<EcrRegistry> registry, RepositoryName repository, List<ImageTag> tags) {

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
    return new TargetImage(registry, repository, tags);
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
