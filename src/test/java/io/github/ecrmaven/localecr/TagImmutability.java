package io.github.ecrmaven.localecr;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides whether a repository's tag is immutable, following its tag mutability setting and
 * exclusion filters as ECR documents them.
 */
final class TagImmutability {

  private TagImmutability() {}

  /**
   * Returns whether the tag cannot be moved to another manifest. {@code IMMUTABLE_WITH_EXCLUSION}
   * makes every tag immutable except those matching a filter, and {@code MUTABLE_WITH_EXCLUSION}
   * makes only the tags matching a filter immutable.
   */
  static boolean isImmutable(LocalEcrState.Repository repository, String tag) {
    switch (repository.imageTagMutability()) {
      case "IMMUTABLE":
        return true;
      case "IMMUTABLE_WITH_EXCLUSION":
        return !matchesAny(repository.imageTagMutabilityExclusionFilters(), tag);
      case "MUTABLE_WITH_EXCLUSION":
        return matchesAny(repository.imageTagMutabilityExclusionFilters(), tag);
      default:
        return false;
    }
  }

  private static boolean matchesAny(List<String> filters, String tag) {
    return filters.stream().anyMatch(filter -> matchesWildcard(filter, tag));
  }

  /**
   * Returns whether the whole {@code text} matches {@code pattern}, where {@code *} matches any
   * run of characters, the empty one included, and every other character matches itself, case
   * sensitive.
   */
  static boolean matchesWildcard(String pattern, String text) {
    String[] literals = pattern.split("\\*", -1);
    StringBuilder regex = new StringBuilder(Pattern.quote(literals[0]));
    for (int i = 1; i < literals.length; i++) {
      regex.append(".*").append(Pattern.quote(literals[i]));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
  }
}
