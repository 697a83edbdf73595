package io.github.ecrmaven.publish;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ecr.EnsuredRepository;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.ImmutableTagException;
import io.github.ecrmaven.ecr.TagMutabilityRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured tags a push writes, decided from where the tags point before any manifest is
 * written. A tag already on the new image is left alone. An immutable tag on another image stops
 * the push, and a mutable tag on another image is moved.
 *
 * @param toPush the tags the push writes, in the configured order
 * @param alreadyPresent the tags that already point at the new image
 * @param previousDigests the digest each tag of {@code toPush} pointed at before, for tags that existed
 */
record TagPlan(List<ImageTag> toPush, List<ImageTag> alreadyPresent, Map<ImageTag, String> previousDigests) {

  TagPlan {
    toPush = List.copyOf(toPush);
    alreadyPresent = List.copyOf(alreadyPresent);
    previousDigests = Map.copyOf(previousDigests);
  }

  /** Returns a plan that pushes every tag, for a repository that has none yet. */
  static TagPlan pushAll(List<ImageTag> tags) {
    return new TagPlan(tags, List.of(), Map.of());
  }

  /**
   * Returns whether the plan needs the new image's digest before the push: only to compare it with an
   * immutable tag that exists, because a mutable tag can be compared after the push.
   */
  static boolean needsNewDigest(TagMutabilityRules rules, Map<ImageTag, String> currentDigests) {
    return currentDigests.keySet().stream().anyMatch(rules::isImmutable);
  }

  /**
   * Plans the push of {@code tags} into {@code repository}.
   *
   * @param currentDigests where each existing tag points now
   * @param newDigest the new image's digest, required when {@link #needsNewDigest} is true
   * @throws ImmutableTagException when an immutable tag points at another image than the new one
   */
  static TagPlan plan(EnsuredRepository repository, List<ImageTag> tags, Map<ImageTag, String> currentDigests,
      Optional<String> newDigest) throws ImmutableTagException {
    List<ImageTag> toPush = new ArrayList<>();
    List<ImageTag> alreadyPresent = new ArrayList<>();
    Map<ImageTag, String> previous = new LinkedHashMap<>();
    Map<ImageTag, String> conflicts = new LinkedHashMap<>();
    for (ImageTag tag : tags) {
      String current = currentDigests.get(tag);
      if (current == null) {
        toPush.add(tag);
      } else if (newDigest.isPresent() && current.equals(newDigest.get())) {
        alreadyPresent.add(tag);
      } else if (repository.tagRules().isImmutable(tag)) {
        conflicts.put(tag, current);
      } else {
        toPush.add(tag);
        previous.put(tag, current);
      }
    }
    if (!conflicts.isEmpty()) {
      String digest = newDigest.orElseThrow(
          () -> new IllegalStateException("An immutable tag exists, but the new image's digest is unknown"));
      throw new ImmutableTagException(
          ImmutableTagException.message(repository, conflicts, digest) + " No tag was written.");
    }
    return new TagPlan(toPush, alreadyPresent, previous);
  }

  /** Logs, after the push of {@code newDigest}, what happened to each tag that existed before. */
  void logOutcome(EnsuredRepository repository, String newDigest, BuildLog log) {
    for (ImageTag tag : alreadyPresent) {
      log.info("Tag " + tag + " already points at " + newDigest + ": nothing to push for it");
    }
    previousDigests.forEach((tag, previous) -> {
      if (previous.equals(newDigest)) {
        log.info("Tag " + tag + " already pointed at " + newDigest + ", so it did not move");
      } else {
        log.info("Moved tag " + tag + " of repository " + repository.name() + " from " + previous + " to "
            + newDigest);
      }
    });
  }

  /**
   * Warns about each configured tag that the repository makes immutable although it names no single
   * build ({@code latest}, or a tag of a snapshot version): its first push fixes it for good, so
   * every later build that changes the image fails.
   */
  static void warnSingleUseTags(EnsuredRepository repository, List<ImageTag> tags, BuildLog log) {
    for (ImageTag tag : tags) {
      String value = tag.value().toLowerCase(Locale.ROOT);
      boolean floating = value.equals("latest") || value.contains("snapshot");
      if (floating && repository.tagRules().isImmutable(tag)) {
        log.warn("Tag " + tag + " is immutable in repository " + repository.name() + " ("
            + repository.tagRules().mutability() + "), so only its first push can succeed: every later build"
            + " whose image differs fails. Tag each build uniquely, such as with a release version, or exclude"
            + " this tag with an exclusion filter of IMMUTABLE_WITH_EXCLUSION.");
      }
    }
  }
}
