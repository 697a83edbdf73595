package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

class RepositorySettingsTest {
  @TempDir Path project;

  private RepositorySettings mutability(String mode, List<String> filters) throws ConfigurationException {
    return RepositorySettings.of(mode, filters, null, null, null, Map.of(), null, null, project);
  }

  private RepositorySettings encryption(String type, String key) throws ConfigurationException {
    return RepositorySettings.of(null, List.of(), null, type, key, Map.of(), null, null, project);
  }

  private RepositorySettings policies(String lifecycle, String repository) throws ConfigurationException {
    return RepositorySettings.of(null, List.of(), null, null, null, Map.of(), lifecycle, repository, project);
  }

  @Test
  void enumeratedValuesAreCheckedAlone() throws ConfigurationException {
    RepositorySettings.checkEnumeratedValues(null, null);
    RepositorySettings.checkEnumeratedValues("immutable", "kms_dsse");

    ConfigurationException mutability = assertThrows(ConfigurationException.class,
        () -> RepositorySettings.checkEnumeratedValues("SOMETIMES", null));
    assertTrue(mutability.getMessage().startsWith("Invalid <imageTagMutability> (ecr.imageTagMutability) 'SOMETIMES'"),
        mutability.getMessage());
    ConfigurationException encryption = assertThrows(ConfigurationException.class,
        () -> RepositorySettings.checkEnumeratedValues(null, "RSA"));
    assertTrue(encryption.getMessage().startsWith("Invalid <encryptionType> (ecr.encryptionType) 'RSA'"),
        encryption.getMessage());
  }

  @Test
  void nothingConfiguredLeavesEverythingEmpty() throws ConfigurationException {
    assertEquals(RepositorySettings.none(), mutability(null, List.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"MUTABLE", "immutable"})
  void mutabilityAcceptsModesInAnyCase(String mode) throws ConfigurationException {
    assertTrue(mutability(mode, List.of()).imageTagMutability().isPresent());
  }

  @Test
  void exclusionModeKeepsFilters() throws ConfigurationException {
    RepositorySettings settings = mutability("IMMUTABLE_WITH_EXCLUSION", List.of("dev-*", "latest"));
    assertEquals(Optional.of(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION), settings.imageTagMutability());
    assertEquals(List.of("dev-*", "latest"), settings.exclusionFilters());
  }

  @Test
  void exclusionModeNeedsFilters() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> mutability("MUTABLE_WITH_EXCLUSION", List.of()));
    assertTrue(e.getMessage().contains("needs at least one filter"), e.getMessage());
  }

  @Test
  void filtersNeedExclusionMode() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> mutability("IMMUTABLE", List.of("x")));
    assertTrue(e.getMessage().contains("apply only with"), e.getMessage());
  }

  @Test
  void invalidFilterIsNamed() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> mutability("IMMUTABLE_WITH_EXCLUSION", List.of("release/*")));
    assertTrue(e.getMessage().contains("'release/*'"), e.getMessage());
  }

  @Test
  void unknownMutabilityIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> mutability("FROZEN", List.of()));
    assertTrue(e.getMessage().contains("'FROZEN'"), e.getMessage());
  }

  @Test
  void kmsEncryptionKeepsKey() throws ConfigurationException {
    EncryptionSettings settings = encryption("kms", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab").encryption().get();
    assertEquals(EncryptionType.KMS, settings.type());
    assertEquals(Optional.of("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"), settings.kmsKey());
  }

  @Test
  void keyWithAes256IsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> encryption("AES256", "alias/ecr"));
    assertTrue(e.getMessage().contains("KMS or KMS_DSSE"), e.getMessage());
  }

  @Test
  void keyWithoutTypeIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> encryption(null, "alias/ecr"));
    assertTrue(e.getMessage().contains("<encryptionType>"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab", "alias/ecr",
      "arn:aws:kms:eu-west-1:123456789012:alias/team/ecr", "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
  void kmsKeyAcceptsEveryForm(String key) throws ConfigurationException {
    assertEquals(Optional.of(key), encryption("KMS", key).encryption().get().kmsKey());
  }

  @ParameterizedTest
  @ValueSource(strings = {"key-1", "arn:aws:kms:eu-west-1:123:key/x", "ecr"})
  void kmsKeyRejectsOtherText(String key) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> encryption("KMS", key));
    assertTrue(e.getMessage().contains("Invalid <kmsKey> (ecr.kmsKey) '" + key + "'"), e.getMessage());
  }

  @Test
  void unknownEncryptionTypeIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> encryption("RSA", null));
    assertTrue(e.getMessage().contains("'RSA'"), e.getMessage());
  }

  @Test
  void reservedTagKeyIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> RepositorySettings.of(null, List.of(), null, null, null, Map.of("aws:owner", "x"), null, null, project));
    assertTrue(e.getMessage().contains("'aws:owner'"), e.getMessage());
  }

  @Test
  void inlinePolicyIsParsed() throws ConfigurationException {
    RepositorySettings settings = policies("{\"rules\": []}", null);
    assertEquals("inline JSON", settings.lifecyclePolicy().get().origin());
    assertTrue(settings.lifecyclePolicy().get().sameAs("{ \"rules\" : [ ] }"));
    assertFalse(settings.lifecyclePolicy().get().sameAs("{\"rules\": [1]}"));
  }

  @Test
  void policyFileIsReadRelativeToProject() throws Exception {
    Files.createDirectories(project.resolve("ecr"));
    Files.writeString(project.resolve("ecr/policy.json"), "{\"Version\": \"2012-10-17\", \"Statement\": []}");
    RepositorySettings settings = policies(null, "ecr/policy.json");
    assertTrue(settings.repositoryPolicy().get().origin().endsWith("policy.json"));
  }

  @Test
  void invalidPolicyJsonIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> policies("{\"rules\": [", null));
    assertTrue(e.getMessage().contains("Invalid JSON in <lifecyclePolicy> (ecr.lifecyclePolicy)"), e.getMessage());
    assertFalse(e.getMessage().contains("[Source"), e.getMessage());
    assertTrue(e.getMessage().endsWith("at line 1, column 12."), e.getMessage());
  }

  @Test
  void missingPolicyFileIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> policies(null, "missing.json"));
    assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
    assertTrue(e.getMessage().contains("<repositoryPolicy> (ecr.repositoryPolicy)"), e.getMessage());
  }
}
