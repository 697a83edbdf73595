package io.github.ecrmaven.localecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityResponse;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;

/** Repository settings at creation and changed in place, through the real SDK. */
class RepositorySettingsTest {

  static final String LIFECYCLE_POLICY =
      "{\"rules\":[{\"rulePriority\":1,\"description\":\"Expire untagged images\","
          + "\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
          + "\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}";
  static final String REPOSITORY_POLICY =
      "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"pull\", \"Effect\": "
          + "\"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::210987654321:root\"}, "
          + "\"Action\": [\"ecr:BatchGetImage\"]}]\n}";
  private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/" + KEY_ID;

  private static EcrClient client;

  @BeforeAll
  static void startClient() {
    client = LocalEcrClients.client(SharedLocalEcr.get());
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @Test
  void createRepositoryStoresEverySetting() {
    client.createRepository(request -> request.repositoryName("settings/all")
        .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
        .imageTagMutabilityExclusionFilters(wildcard("latest"), wildcard("dev-*"))
        .imageScanningConfiguration(scan -> scan.scanOnPush(true))
        .encryptionConfiguration(encryption -> encryption.encryptionType(EncryptionType.KMS)
            .kmsKey(KEY_ID))
        .tags(tag("team", "platform"), tag("cost-center", "42")));

    Repository described = describe("settings/all");

    assertEquals(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION, described.imageTagMutability());
    assertEquals(List.of(wildcard("latest"), wildcard("dev-*")),
        described.imageTagMutabilityExclusionFilters());
    assertTrue(described.imageScanningConfiguration().scanOnPush());
    assertEquals(EncryptionType.KMS, described.encryptionConfiguration().encryptionType());
    assertEquals(KEY_ARN, described.encryptionConfiguration().kmsKey());
    assertEquals(Map.of("team", "platform", "cost-center", "42"), tagsOf(described));
  }

  @Test
  void kmsKeyFormsReportKeyArn() {
    Map<String, String> keyByRepository = Map.of(
        "settings/kms-arn", KEY_ARN,
        "settings/kms-id", KEY_ID,
        "settings/kms-alias", "alias/team-key",
        "settings/kms-alias-arn", "arn:aws:kms:eu-west-1:123456789012:alias/team-key");
    keyByRepository.forEach((name, key) -> client.createRepository(request -> request
        .repositoryName(name)
        .encryptionConfiguration(encryption -> encryption.encryptionType(EncryptionType.KMS_DSSE)
            .kmsKey(key))));

    String aliasArn = describe("settings/kms-alias").encryptionConfiguration().kmsKey();

    assertEquals(KEY_ARN, describe("settings/kms-arn").encryptionConfiguration().kmsKey());
    assertEquals(KEY_ARN, describe("settings/kms-id").encryptionConfiguration().kmsKey());
    assertTrue(aliasArn.startsWith("arn:aws:kms:eu-west-1:123456789012:key/"), aliasArn);
    assertEquals(aliasArn, describe("settings/kms-alias-arn").encryptionConfiguration().kmsKey());
    assertEquals(EncryptionType.KMS_DSSE,
        describe("settings/kms-id").encryptionConfiguration().encryptionType());
  }

  @Test
  void kmsWithoutKeyReportsManagedKey() {
    client.createRepository(request -> request.repositoryName("settings/kms-default")
        .encryptionConfiguration(encryption -> encryption.encryptionType(EncryptionType.KMS)));

    Repository described = describe("settings/kms-default");

    assertEquals(EncryptionRequests.AWS_MANAGED_KEY_ARN,
        described.encryptionConfiguration().kmsKey());
    assertTrue(described.encryptionConfiguration().kmsKey()
        .startsWith("arn:aws:kms:eu-west-1:123456789012:key/"));
  }

  @Test
  void defaultRepositoryHasNoKeyOrFilters() {
    client.createRepository(request -> request.repositoryName("settings/defaults"));

    Repository described = describe("settings/defaults");

    assertEquals(EncryptionType.AES256, described.encryptionConfiguration().encryptionType());
    assertNull(described.encryptionConfiguration().kmsKey());
    assertFalse(described.hasImageTagMutabilityExclusionFilters());
    assertEquals(List.of(), client.listTagsForResource(request -> request
        .resourceArn(described.repositoryArn())).tags());
  }

  @Test
  void invalidCreateSettingsAreRejected() {
    List<String> messages = new ArrayList<>();
    messages.add(invalid("settings/bad-1", request -> request
        .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)));
    messages.add(invalid("settings/bad-2", request -> request
        .imageTagMutability(ImageTagMutability.MUTABLE)
        .imageTagMutabilityExclusionFilters(wildcard("dev-*"))));
    messages.add(invalid("settings/bad-3", request -> request
        .imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION)
        .imageTagMutabilityExclusionFilters(wildcard("a"), wildcard("b"), wildcard("c"),
            wildcard("d"), wildcard("e"), wildcard("f"))));
    messages.add(invalid("settings/bad-4", request -> request
        .imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION)
        .imageTagMutabilityExclusionFilters(wildcard("release/1"))));
    messages.add(invalid("settings/bad-5", request -> request
        .encryptionConfiguration(encryption -> encryption.encryptionType(EncryptionType.AES256)
            .kmsKey(KEY_ARN))));
    messages.add(invalid("settings/bad-6", request -> request
        .encryptionConfiguration(encryption -> encryption.encryptionType(EncryptionType.KMS)
            .kmsKey("not a key"))));

    assertTrue(messages.get(0).contains("At least one exclusion filter is required"),
        messages.get(0));
    assertTrue(messages.get(1).contains("can only be specified when imageTagMutability is"),
        messages.get(1));
    assertTrue(messages.get(2).contains("less than or equal to 5"), messages.get(2));
    assertTrue(messages.get(3).contains("'imageTagMutabilityExclusionFilters.1.member.filter'"),
        messages.get(3));
    assertTrue(messages.get(4).contains("can only be specified when encryptionType is KMS"),
        messages.get(4));
    assertTrue(messages.get(5).contains("is not a KMS key"), messages.get(5));
    assertThrows(RepositoryNotFoundException.class, () -> describe("settings/bad-1"));
  }

  @Test
  void invalidTagsAreRejected() {
    assertThrows(InvalidTagParameterException.class, () -> client.createRepository(request ->
        request.repositoryName("settings/tag-long").tags(tag("k".repeat(129), "v"))));
    assertThrows(InvalidTagParameterException.class, () -> client.createRepository(request ->
        request.repositoryName("settings/tag-aws").tags(tag("aws:owner", "v"))));
    List<Tag> tooMany = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      tooMany.add(tag("key" + i, "value"));
    }
    assertThrows(TooManyTagsException.class, () -> client.createRepository(request ->
        request.repositoryName("settings/tag-many").tags(tooMany)));
  }

  @Test
  void putImageTagMutabilityChangesSetting() {
    client.createRepository(request -> request.repositoryName("settings/mutability"));

    PutImageTagMutabilityResponse response = client.putImageTagMutability(request -> request
        .repositoryName("settings/mutability")
        .imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION)
        .imageTagMutabilityExclusionFilters(wildcard("v*")));
    Repository changed = describe("settings/mutability");
    client.putImageTagMutability(request -> request.repositoryName("settings/mutability")
        .imageTagMutability(ImageTagMutability.IMMUTABLE));
    Repository immutable = describe("settings/mutability");

    assertEquals(ImageTagMutability.MUTABLE_WITH_EXCLUSION, response.imageTagMutability());
    assertEquals(List.of(wildcard("v*")), response.imageTagMutabilityExclusionFilters());
    assertEquals(ImageTagMutability.MUTABLE_WITH_EXCLUSION, changed.imageTagMutability());
    assertEquals(List.of(wildcard("v*")), changed.imageTagMutabilityExclusionFilters());
    assertEquals(ImageTagMutability.IMMUTABLE, immutable.imageTagMutability());
    assertFalse(immutable.hasImageTagMutabilityExclusionFilters());
    assertThrows(InvalidParameterException.class, () -> client.putImageTagMutability(request ->
        request.repositoryName("settings/mutability")
            .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)));
    assertThrows(RepositoryNotFoundException.class, () -> client.putImageTagMutability(request ->
        request.repositoryName("settings/missing").imageTagMutability(ImageTagMutability.MUTABLE)));
  }

  @Test
  void putImageScanningConfigurationChangesSetting() {
    client.createRepository(request -> request.repositoryName("settings/scan"));

    boolean returned = client.putImageScanningConfiguration(request -> request
        .repositoryName("settings/scan").imageScanningConfiguration(scan -> scan.scanOnPush(true)))
        .imageScanningConfiguration().scanOnPush();

    assertTrue(returned);
    assertTrue(describe("settings/scan").imageScanningConfiguration().scanOnPush());
  }

  @Test
  void tagResourceMergesAndUntagRemoves() {
    String arn = client.createRepository(request -> request.repositoryName("settings/tags")
        .tags(tag("team", "platform"))).repository().repositoryArn();

    client.tagResource(request -> request.resourceArn(arn)
        .tags(tag("team", "runtime"), tag("stage", "prod")));
    Map<String, String> tagged = tags(arn);
    client.untagResource(request -> request.resourceArn(arn).tagKeys("team", "absent"));
    Map<String, String> untagged = tags(arn);

    assertEquals(Map.of("team", "runtime", "stage", "prod"), tagged);
    assertEquals(Map.of("stage", "prod"), untagged);
  }

  @Test
  void tagOperationsCheckArn() {
    String missing = EcrOperations.repositoryArn("settings/no-such-repository");

    assertThrows(RepositoryNotFoundException.class,
        () -> client.listTagsForResource(request -> request.resourceArn(missing)));
    assertThrows(RepositoryNotFoundException.class,
        () -> client.tagResource(request -> request.resourceArn(missing).tags(tag("a", "b"))));
    InvalidParameterException error = assertThrows(InvalidParameterException.class,
        () -> client.listTagsForResource(request -> request.resourceArn("not-an-arn")));
    assertTrue(error.awsErrorDetails().errorMessage().contains("'resourceArn'"),
        error.getMessage());
  }

  @Test
  void lifecyclePolicyIsStoredVerbatim() {
    client.createRepository(request -> request.repositoryName("settings/lifecycle"));

    assertThrows(LifecyclePolicyNotFoundException.class, () -> client.getLifecyclePolicy(
        request -> request.repositoryName("settings/lifecycle")));
    client.putLifecyclePolicy(request -> request.repositoryName("settings/lifecycle")
        .lifecyclePolicyText(LIFECYCLE_POLICY));
    String stored = client.getLifecyclePolicy(request -> request
        .repositoryName("settings/lifecycle")).lifecyclePolicyText();
    String deleted = client.deleteLifecyclePolicy(request -> request
        .repositoryName("settings/lifecycle")).lifecyclePolicyText();

    assertEquals(LIFECYCLE_POLICY, stored);
    assertEquals(LIFECYCLE_POLICY, deleted);
    assertThrows(LifecyclePolicyNotFoundException.class, () -> client.deleteLifecyclePolicy(
        request -> request.repositoryName("settings/lifecycle")));
  }

  @Test
  void invalidLifecyclePolicyIsRejected() {
    client.createRepository(request -> request.repositoryName("settings/lifecycle-bad"));
    String notJson = "{\"rules\": [" + " ".repeat(120);

    InvalidParameterException error = assertThrows(InvalidParameterException.class,
        () -> client.putLifecyclePolicy(request -> request
            .repositoryName("settings/lifecycle-bad").lifecyclePolicyText(notJson)));

    assertTrue(error.awsErrorDetails().errorMessage().contains("not valid JSON"),
        error.getMessage());
    assertThrows(InvalidParameterException.class, () -> client.putLifecyclePolicy(request ->
        request.repositoryName("settings/lifecycle-bad").lifecyclePolicyText("{}")));
  }

  @Test
  void repositoryPolicyIsStoredVerbatim() {
    client.createRepository(request -> request.repositoryName("settings/policy"));

    assertThrows(RepositoryPolicyNotFoundException.class, () -> client.getRepositoryPolicy(
        request -> request.repositoryName("settings/policy")));
    String returned = client.setRepositoryPolicy(request -> request
        .repositoryName("settings/policy").policyText(REPOSITORY_POLICY)).policyText();
    String stored = client.getRepositoryPolicy(request -> request
        .repositoryName("settings/policy")).policyText();
    client.deleteRepositoryPolicy(request -> request.repositoryName("settings/policy"));

    assertEquals(REPOSITORY_POLICY, returned);
    assertEquals(REPOSITORY_POLICY, stored);
    assertThrows(RepositoryPolicyNotFoundException.class, () -> client.getRepositoryPolicy(
        request -> request.repositoryName("settings/policy")));
    assertThrows(InvalidParameterException.class, () -> client.setRepositoryPolicy(request ->
        request.repositoryName("settings/policy").policyText("Allow everyone")));
  }

  static ImageTagMutabilityExclusionFilter wildcard(String filter) {
    return ImageTagMutabilityExclusionFilter.builder().filterType("WILDCARD").filter(filter)
        .build();
  }

  static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static Repository describe(String name) {
    return client.describeRepositories(request -> request.repositoryNames(name))
        .repositories().get(0);
  }

  private static Map<String, String> tags(String arn) {
    return client.listTagsForResource(request -> request.resourceArn(arn)).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }

  private static Map<String, String> tagsOf(Repository repository) {
    return tags(repository.repositoryArn());
  }

  private static String invalid(String name, Consumer<CreateRepositoryRequest.Builder> settings) {
    InvalidParameterException error = assertThrows(InvalidParameterException.class,
        () -> client.createRepository(request -> settings.accept(request.repositoryName(name))));
    return error.awsErrorDetails().errorMessage();
  }
}
