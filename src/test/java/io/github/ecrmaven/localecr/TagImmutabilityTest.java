package io.github.ecrmaven.localecr;

import static io.github.ecrmaven.localecr.RepositorySettingsTest.wildcard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.RegistryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/** Tag immutability with exclusion filters, in unit checks and with real Jib pushes. */
class TagImmutabilityTest {

  private static LocalEcr ecr;
  private static EcrClient client;

  @TempDir Path temp;

  @BeforeAll
  static void startClient() {
    ecr = SharedLocalEcr.get();
    client = LocalEcrClients.client(ecr);
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @Test
  void wildcardMatchesWholeTag() {
    Map<String, Boolean> cases = Map.ofEntries(
        Map.entry("dev-*|dev-1", true),
        Map.entry("dev-*|dev-", true),
        Map.entry("dev-*|release-dev-1", false),
        Map.entry("*-rc|1.0-rc", true),
        Map.entry("*-rc|1.0-rc1", false),
        Map.entry("v*.*|v1.2", true),
        Map.entry("v*.*|v12", false),
        Map.entry("latest|latest", true),
        Map.entry("latest|Latest", false),
        Map.entry("1.0|1x0", false),
        Map.entry("*|anything", true));

    cases.forEach((patternAndTag, expected) -> {
      String[] parts = patternAndTag.split("\\|");
      assertEquals(expected, TagImmutability.matchesWildcard(parts[0], parts[1]), patternAndTag);
    });
  }

  @Test
  void exclusionModesDecideImmutability() {
    LocalEcrState.Repository immutableExcept = repository("IMMUTABLE_WITH_EXCLUSION", "dev-*");
    LocalEcrState.Repository mutableExcept = repository("MUTABLE_WITH_EXCLUSION", "release-*");

    assertTrue(TagImmutability.isImmutable(immutableExcept, "1.0"));
    assertEquals(false, TagImmutability.isImmutable(immutableExcept, "dev-42"));
    assertTrue(TagImmutability.isImmutable(mutableExcept, "release-1"));
    assertEquals(false, TagImmutability.isImmutable(mutableExcept, "snapshot"));
    assertTrue(TagImmutability.isImmutable(repository("IMMUTABLE", null), "any"));
    assertEquals(false, TagImmutability.isImmutable(repository("MUTABLE", null), "any"));
  }

  @Test
  void immutableWithExclusionKeepsExcludedTagsMutable() throws Exception {
    client.createRepository(request -> request.repositoryName("immutability/immutable-except")
        .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
        .imageTagMutabilityExclusionFilters(wildcard("dev-*")));
    String name = "immutability/immutable-except";

    String firstRelease = JibPushes.push(ecr, name + ":1.0", "one", temp).getDigest().toString();
    RegistryException error = assertThrows(RegistryException.class,
        () -> JibPushes.push(ecr, name + ":1.0", "two", temp));
    JibPushes.push(ecr, name + ":dev-1", "one", temp);
    String secondDev = JibPushes.push(ecr, name + ":dev-1", "two", temp).getDigest().toString();

    assertTrue(error.getMessage().contains("Tried to push image manifest"), error.getMessage());
    assertEquals(firstRelease, digestOf(name, "1.0"));
    assertEquals(secondDev, digestOf(name, "dev-1"));
  }

  @Test
  void mutableWithExclusionMakesMatchingTagsImmutable() throws Exception {
    client.createRepository(request -> request.repositoryName("immutability/mutable-except")
        .imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION)
        .imageTagMutabilityExclusionFilters(wildcard("release-*")));
    String name = "immutability/mutable-except";

    String firstRelease =
        JibPushes.push(ecr, name + ":release-1", "one", temp).getDigest().toString();
    assertThrows(RegistryException.class,
        () -> JibPushes.push(ecr, name + ":release-1", "two", temp));
    JibPushes.push(ecr, name + ":snapshot", "one", temp);
    String secondSnapshot =
        JibPushes.push(ecr, name + ":snapshot", "two", temp).getDigest().toString();

    assertEquals(firstRelease, digestOf(name, "release-1"));
    assertEquals(secondSnapshot, digestOf(name, "snapshot"));
  }

  private static String digestOf(String repository, String tag) {
    return client.describeImages(request -> request.repositoryName(repository)
        .imageIds(id -> id.imageTag(tag))).imageDetails().get(0).imageDigest();
  }

  private static LocalEcrState.Repository repository(String mutability, String filter) {
    return LocalEcrState.Repository.withDefaults("immutability/unit", Instant.EPOCH)
        .withTagMutability(mutability, filter == null ? List.of() : List.of(filter));
  }
}
