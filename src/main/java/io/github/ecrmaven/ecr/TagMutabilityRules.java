package io.github.ecrmaven.ecr;

import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * A repository's tag mutability setting with its exclusion filters, which together decide whether
 * ECR lets a tag move to another image.
 *
 * @param mutability {@code MUTABLE}, {@code IMMUTABLE}, {@code IMMUTABLE_WITH_EXCLUSION} or
 *     {@code MUTABLE_WITH_EXCLUSION}
 * @param exclusionFilters the filters of a {@code *_WITH_EXCLUSION} setting, where {@code *}
 *     matches any run of characters
 */
public record TagMutabilityRules(String mutability, List<String> exclusionFilters) {

  /** The rules of a repository whose tags can all move, ECR's default. */
  public static final TagMutabilityRules MUTABLE = new TagMutabilityRules("MUTABLE", List.of());

  public TagMutabilityRules {
    exclusionFilters = List.copyOf(exclusionFilters);
  }

  /** Reads the rules from a repository that {@code DescribeRepositories} or {@code CreateRepository} returned. */
  public static TagMutabilityRules of(Repository repository) {
    String mutability = repository.imageTagMutabilityAsString();
    List<String> filters =
        repository.imageTagMutabilityExclusionFilters().stream().map(ImageTagMutabilityExclusionFilter::filter)
            .toList();
    return new TagMutabilityRules(mutability == null ? "MUTABLE" : mutability, filters);
  }

  /**
   * Returns whether ECR rejects moving {@code tag} to another image. With
   * {@code IMMUTABLE_WITH_EXCLUSION}, the tags that match a filter stay mutable; with
   * {@code MUTABLE_WITH_EXCLUSION}, only the tags that match a filter are immutable.
   */
  public boolean isImmutable(ImageTag tag) {
    return switch (mutability) {
      case "IMMUTABLE" -> true;
      case "IMMUTABLE_WITH_EXCLUSION" -> !matchesFilter(tag.value());
      case "MUTABLE_WITH_EXCLUSION" -> matchesFilter(tag.value());
      default -> false;
    };
  }

  private boolean matchesFilter(String tag) {
    for (String filter : exclusionFilters) {
      StringBuilder regex = new StringBuilder();
      for (String literal : filter.split("\\*", -1)) {
        if (!regex.isEmpty()) {
          regex.append(".*");
        }
        regex.append(Pattern.quote(literal));
      }
      if (tag.matches(regex.toString())) {
        return true;
      }
    }
    return false;
  }
}
