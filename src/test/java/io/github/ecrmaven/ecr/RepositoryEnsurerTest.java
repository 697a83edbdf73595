package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.LocalEcrClients;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import io.github.ecrmaven.testing.RecordingLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;

/** Creates and compares repositories in the local ECR through the real AWS SDK. */
class RepositoryEnsurerTest {
  private static final String LIFECYCLE =
      "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
          + "\"countNumber\":5},\"action\":{\"type\":\"expire\"}}]}";
  private static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":[\"ecr:BatchGetImage\"]}]}";
  private static final String KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  private static LocalEcr ecr;
  private static EcrClient client;
  private final RecordingLog log = new RecordingLog();

  @BeforeAll
  static void startLocalEcr() {
    ecr = SharedLocalEcr.get();
    client = LocalEcrClients.client(ecr);
  }

  private static RepositoryName newName() {
    return new RepositoryName("ensurer/app-" + UUID.randomUUID().toString().substring(0, 8));
  }

  private static RepositorySettings settings(String mutability, List<String> filters, Boolean scan, String encryption,
      String key, Map<String, String> tags, String lifecycle, String policy) throws ConfigurationException {
    return RepositorySettings.of(mutability, filters, scan, encryption, key, tags, lifecycle, policy, Path.of("."));
  }

  private EnsuredRepository ensure(RepositoryName name, RepositorySettings settings, boolean update) throws Exception {
    return new RepositoryEnsurer(client, log)
        .ensure(name, Optional.empty(), RepositoryCreation.CREATE, settings, update)
        .orElseThrow();
  }

  private static Repository describe(RepositoryName name) {
    return client.describeRepositories(request -> request.repositoryNames(name.value())).repositories().get(0);
  }

  private static Map<String, String> tags(Repository repository) {
    Map<String, String> tags = new LinkedHashMap<>();
    client.listTagsForResource(request -> request.resourceArn(repository.repositoryArn()))
        .tags().forEach(tag -> tags.put(tag.key(), tag.value()));
    return tags;
  }

  @Test
  void createAppliesEverySetting() throws Exception {
    RepositoryName name = newName();

    EnsuredRepository ensured = ensure(name, settings("IMMUTABLE_WITH_EXCLUSION", List.of("dev-*"), true, "KMS",
        KMS_KEY, Map.of("team", "payments"), LIFECYCLE, POLICY), false);

    assertTrue(ensured.created());
    Repository repository = describe(name);
    assertEquals("IMMUTABLE_WITH_EXCLUSION", repository.imageTagMutabilityAsString());
    assertEquals("dev-*", repository.imageTagMutabilityExclusionFilters().get(0).filter());
    assertTrue(repository.imageScanningConfiguration().scanOnPush());
    assertEquals("KMS", repository.encryptionConfiguration().encryptionTypeAsString());
    assertEquals(KMS_KEY, repository.encryptionConfiguration().kmsKey());
    assertEquals(Map.of("team", "payments"), tags(repository));
    assertEquals(LIFECYCLE, client.getLifecyclePolicy(request -> request.repositoryName(name.value()))
        .lifecyclePolicyText());
    assertEquals(POLICY, client.getRepositoryPolicy(request -> request.repositoryName(name.value())).policyText());
  }

  @Test
  void differencesAreWarningsByDefault() throws Exception {
    RepositoryName name = newName();
    ecr.createRepository(name.value());

    ensure(name, settings("IMMUTABLE", List.of(), true, null, null, Map.of("team", "payments"), LIFECYCLE, null), false);

    assertEquals(4, log.warnings().size(), log.warnings().toString());
    assertTrue(log.warnings().get(0).contains("<imageTagMutability> MUTABLE, but the configuration asks for IMMUTABLE"),
        log.warnings().get(0));
    assertTrue(log.warnings().stream().allMatch(warning -> warning.contains("<updateRepositorySettings>")),
        log.warnings().toString());
    Repository unchanged = describe(name);
    assertEquals("MUTABLE", unchanged.imageTagMutabilityAsString());
    assertFalse(unchanged.imageScanningConfiguration().scanOnPush());
  }

  @Test
  void updateChangesWhatEcrCanChange() throws Exception {
    RepositoryName name = newName();
    ecr.createRepository(name.value());

    ensure(name, settings("MUTABLE_WITH_EXCLUSION", List.of("release-*"), true, null, null,
        Map.of("team", "payments"), LIFECYCLE, POLICY), true);

    Repository updated = describe(name);
    assertEquals("MUTABLE_WITH_EXCLUSION", updated.imageTagMutabilityAsString());
    assertTrue(updated.imageScanningConfiguration().scanOnPush());
    assertEquals(Map.of("team", "payments"), tags(updated));
    assertEquals(LIFECYCLE, client.getLifecyclePolicy(request -> request.repositoryName(name.value()))
        .lifecyclePolicyText());
    assertEquals(5, log.infos().stream().filter(info -> info.startsWith("Updated ")).count(), log.infos().toString());
    assertTrue(log.warnings().isEmpty(), log.warnings().toString());
  }

  @Test
  void encryptionDifferenceIsOnlyReported() throws Exception {
    RepositoryName name = newName();
    ecr.createRepository(name.value());

    ensure(name, settings(null, List.of(), null, "KMS", null, Map.of(), null, null), true);

    assertEquals(1, log.warnings().size(), log.warnings().toString());
    assertTrue(log.warnings().get(0).contains("ECR cannot change this setting in place"), log.warnings().get(0));
    assertEquals("AES256", describe(name).encryptionConfiguration().encryptionTypeAsString());
  }

  @Test
  void samePolicyIsNotPutAgain() throws Exception {
    RepositoryName name = newName();
    RepositorySettings settings = settings(null, List.of(), null, null, null, Map.of(), LIFECYCLE, null);
    ensure(name, settings, false);
    long puts = ecr.apiCallCount("PutLifecyclePolicy");
    String reformatted = LIFECYCLE.replace(",", ",\n  ");

    ensure(name, settings(null, List.of(), null, null, null, Map.of(), reformatted, null), true);

    assertEquals(puts, ecr.apiCallCount("PutLifecyclePolicy"));
    assertTrue(log.warnings().isEmpty(), log.warnings().toString());
  }

  @Test
  void unconfiguredBuildMakesOneCall() throws Exception {
    RepositoryName name = newName();
    ecr.createRepository(name.value());
    long calls = totalCalls();

    ensure(name, RepositorySettings.none(), false);

    assertEquals(calls + 1, totalCalls());
  }

  @Test
  void accessDeniedNamesMissingAction() throws Exception {
    RepositoryName name = newName();
    ecr.denyAction("ecr:CreateRepository", name.value());

    EcrAccessException e = assertThrows(EcrAccessException.class, () -> ensure(name, RepositorySettings.none(), false));

    assertTrue(e.getMessage().contains("lacks ecr:CreateRepository on arn:aws:ecr:eu-west-1:123456789012:repository/"
        + name), e.getMessage());
  }

  @Test
  void unusableKmsKeyIsNamed() throws Exception {
    RepositoryName name = newName();
    String key = "arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-0000-4000-8000-00000000dead";
    ecr.unusableKmsKey(key);

    EcrAccessException e = assertThrows(EcrAccessException.class,
        () -> ensure(name, settings(null, List.of(), null, "KMS", key, Map.of(), null, null), false));

    assertTrue(e.getMessage().contains("encrypted with KMS key " + key), e.getMessage());
    assertTrue(e.getMessage().contains("kms:CreateGrant"), e.getMessage());
  }

  private static long totalCalls() {
    return ecr.apiCallCounts().values().stream().mapToLong(Long::longValue).sum();
  }
}
