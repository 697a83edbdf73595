package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ecr.EnsuredRepository;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.ImmutableTagException;
import io.github.ecrmaven.ecr.RepositoryName;
import io.github.ecrmaven.ecr.TagMutabilityRules;
import io.github.ecrmaven.testing.RecordingLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagPlanTest {
  private static final String OLD = "sha256:" + "a".repeat(64);
  private static final String NEW = "sha256:" + "b".repeat(64);
  private static final ImageTag V1 = new ImageTag("1.0");
  private static final ImageTag LATEST = new ImageTag("latest");

  private static EnsuredRepository repository(String mutability, List<String> filters) {
    return new EnsuredRepository(new RepositoryName("team/app"), "123456789012",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app", false, new TagMutabilityRules(mutability, filters));
  }

  @Test
  void missingTagsAreAllPushed() throws Exception {
    TagPlan plan = TagPlan.plan(repository("IMMUTABLE", List.of()), List.of(V1, LATEST), Map.of(), Optional.empty());

    assertEquals(List.of(V1, LATEST), plan.toPush());
    assertTrue(plan.alreadyPresent().isEmpty());
  }

  @Test
  void tagOnNewDigestIsNotPushed() throws Exception {
    TagPlan plan = TagPlan.plan(repository("IMMUTABLE", List.of()), List.of(V1, LATEST), Map.of(V1, NEW),
        Optional.of(NEW));

    assertEquals(List.of(LATEST), plan.toPush());
    assertEquals(List.of(V1), plan.alreadyPresent());
  }

  @Test
  void mutableTagIsMovedWithPreviousDigest() throws Exception {
    TagPlan plan = TagPlan.plan(repository("MUTABLE", List.of()), List.of(V1), Map.of(V1, OLD), Optional.empty());

    assertEquals(List.of(V1), plan.toPush());
    assertEquals(Map.of(V1, OLD), plan.previousDigests());
  }

  @Test
  void immutableTagOnOldDigestConflicts() {
    ImmutableTagException e = assertThrows(ImmutableTagException.class, () -> TagPlan.plan(
        repository("IMMUTABLE_WITH_EXCLUSION", List.of("latest")), List.of(V1, LATEST), Map.of(V1, OLD, LATEST, OLD),
        Optional.of(NEW)));

    assertTrue(e.getMessage().contains("Tag 1.0 of repository team/app is immutable and points at " + OLD
        + ", but this image is " + NEW), e.getMessage());
    assertFalse(e.getMessage().contains("Tag latest"), e.getMessage());
  }

  @Test
  void newDigestNeededOnlyForImmutableTags() {
    TagMutabilityRules rules = new TagMutabilityRules("MUTABLE_WITH_EXCLUSION", List.of("1.*"));

    assertTrue(TagPlan.needsNewDigest(rules, Map.of(V1, OLD)));
    assertFalse(TagPlan.needsNewDigest(rules, Map.of(LATEST, OLD)));
    assertFalse(TagPlan.needsNewDigest(rules, Map.of()));
  }

  @Test
  void floatingImmutableTagsWarn() {
    RecordingLog log = new RecordingLog();

    TagPlan.warnSingleUseTags(repository("IMMUTABLE_WITH_EXCLUSION", List.of("latest")),
        List.of(V1, LATEST, new ImageTag("2.0-SNAPSHOT")), log);

    assertEquals(1, log.warnings().size(), log.warnings().toString());
    assertTrue(log.warnings().get(0).startsWith("Tag 2.0-SNAPSHOT is immutable"), log.warnings().get(0));
  }
}
