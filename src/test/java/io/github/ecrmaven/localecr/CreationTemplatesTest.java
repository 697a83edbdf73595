package io.github.ecrmaven.localecr;

import static io.github.ecrmaven.localecr.RepositorySettingsTest.LIFECYCLE_POLICY;
import static io.github.ecrmaven.localecr.RepositorySettingsTest.REPOSITORY_POLICY;
import static io.github.ecrmaven.localecr.RepositorySettingsTest.tag;
import static io.github.ecrmaven.localecr.RepositorySettingsTest.wildcard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.RegistryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RCTAppliedFor;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TemplateAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.TemplateNotFoundException;

/** Repository creation templates through the real SDK, and create on push with real Jib. */
class CreationTemplatesTest {

  private static final String KEY_ARN =
      "arn:aws:kms:eu-west-1:123456789012:key/0b7c7c4e-6a1f-4e61-9d0b-2f6c1d1e2a3b";

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
  void templateIsCreatedDescribedAndDeleted() {
    RepositoryCreationTemplate created = client.createRepositoryCreationTemplate(request -> request
        .prefix("tpl-crud")
        .description("Team repositories")
        .appliedFor(RCTAppliedFor.CREATE_ON_PUSH, RCTAppliedFor.REPLICATION)
        .imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION)
        .imageTagMutabilityExclusionFilters(wildcard("release-*"))
        .encryptionConfiguration(encryption -> encryption.encryptionType(EncryptionType.KMS)
            .kmsKey(KEY_ARN))
        .resourceTags(tag("team", "platform"))
        .lifecyclePolicy(LIFECYCLE_POLICY)
        .repositoryPolicy(REPOSITORY_POLICY)).repositoryCreationTemplate();

    RepositoryCreationTemplate described = client.describeRepositoryCreationTemplates(request ->
        request.prefixes("tpl-crud")).repositoryCreationTemplates().get(0);
    boolean listed = client.describeRepositoryCreationTemplates(request -> {})
        .repositoryCreationTemplates().stream()
        .anyMatch(template -> template.prefix().equals("tpl-crud"));
    RepositoryCreationTemplate deleted = client.deleteRepositoryCreationTemplate(request ->
        request.prefix("tpl-crud")).repositoryCreationTemplate();

    assertEquals(created, described);
    assertTrue(listed, "listed without prefixes");
    assertEquals("tpl-crud", described.prefix());
    assertEquals("Team repositories", described.description());
    assertEquals(List.of(RCTAppliedFor.CREATE_ON_PUSH, RCTAppliedFor.REPLICATION),
        described.appliedFor());
    assertEquals(ImageTagMutability.MUTABLE_WITH_EXCLUSION, described.imageTagMutability());
    assertEquals(List.of(wildcard("release-*")), described.imageTagMutabilityExclusionFilters());
    assertEquals(KEY_ARN, described.encryptionConfiguration().kmsKey());
    assertEquals(List.of(tag("team", "platform")), described.resourceTags());
    assertEquals(LIFECYCLE_POLICY, described.lifecyclePolicy());
    assertEquals(REPOSITORY_POLICY, described.repositoryPolicy());
    assertEquals("tpl-crud", deleted.prefix());
    assertThrows(TemplateNotFoundException.class, () -> client.describeRepositoryCreationTemplates(
        request -> request.prefixes("tpl-crud")));
    assertThrows(TemplateNotFoundException.class, () -> client.deleteRepositoryCreationTemplate(
        request -> request.prefix("tpl-crud")));
  }

  @Test
  void duplicatePrefixIsRejected() {
    client.createRepositoryCreationTemplate(request -> request.prefix("tpl-twice")
        .appliedFor(RCTAppliedFor.CREATE_ON_PUSH));

    assertThrows(TemplateAlreadyExistsException.class, () ->
        client.createRepositoryCreationTemplate(request -> request.prefix("tpl-twice/")
            .appliedFor(RCTAppliedFor.REPLICATION)));
  }

  @Test
  void invalidTemplatesAreRejected() {
    assertThrows(InvalidParameterException.class, () -> client.createRepositoryCreationTemplate(
        request -> request.prefix("Upper").appliedFor(RCTAppliedFor.CREATE_ON_PUSH)));
    assertThrows(InvalidParameterException.class, () -> client.createRepositoryCreationTemplate(
        request -> request.prefix("tpl-no-scenario")));
    assertThrows(InvalidParameterException.class, () -> client.createRepositoryCreationTemplate(
        request -> request.prefix("tpl-key-id").appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
            .encryptionConfiguration(encryption -> encryption.encryptionType(EncryptionType.KMS)
                .kmsKey("0b7c7c4e-6a1f-4e61-9d0b-2f6c1d1e2a3b"))));
    assertThrows(InvalidParameterException.class, () -> client.createRepositoryCreationTemplate(
        request -> request.prefix("tpl-bad-policy").appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
            .repositoryPolicy("{not json")));
    assertThrows(TemplateNotFoundException.class, () -> client.describeRepositoryCreationTemplates(
        request -> request.prefixes("tpl-no-scenario")));
  }

  @Test
  void longestPrefixOnSlashBoundaryIsChosen() {
    List<CreationTemplates.Template> templates = List.of(
        template("ROOT", "CREATE_ON_PUSH"),
        template("team", "CREATE_ON_PUSH"),
        template("team/web", "CREATE_ON_PUSH"),
        template("team/web/api", "REPLICATION"));

    assertEquals("team", chosen(templates, "team/app"));
    assertEquals("team/web", chosen(templates, "team/web/api/v1"));
    assertEquals("team/web", chosen(templates, "team/web/site"));
    assertEquals("ROOT", chosen(templates, "teamwork/app"));
    assertEquals("ROOT", chosen(templates, "team"));
    assertEquals(Optional.empty(), CreationTemplates.forCreateOnPush(templates.subList(1, 4),
        "other/app"));
  }

  @Test
  void pushCreatesRepositoryFromTemplate() throws Exception {
    client.createRepositoryCreationTemplate(request -> request
        .prefix("tpl-push")
        .appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
        .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
        .imageTagMutabilityExclusionFilters(wildcard("latest"))
        .encryptionConfiguration(encryption -> encryption.encryptionType(EncryptionType.KMS)
            .kmsKey(KEY_ARN))
        .resourceTags(tag("created-by", "template"))
        .lifecyclePolicy(LIFECYCLE_POLICY)
        .repositoryPolicy(REPOSITORY_POLICY));

    String digest = JibPushes.push(ecr, "tpl-push/app:1.0", "first", temp).getDigest()
        .toString();
    Repository created = client.describeRepositories(request -> request
        .repositoryNames("tpl-push/app")).repositories().get(0);
    List<Tag> tags = client.listTagsForResource(request -> request
        .resourceArn(created.repositoryArn())).tags();
    String lifecycle = client.getLifecyclePolicy(request -> request
        .repositoryName("tpl-push/app")).lifecyclePolicyText();
    String policy = client.getRepositoryPolicy(request -> request
        .repositoryName("tpl-push/app")).policyText();
    String described = client.describeImages(request -> request.repositoryName("tpl-push/app")
        .imageIds(id -> id.imageTag("1.0"))).imageDetails().get(0).imageDigest();

    assertEquals(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION, created.imageTagMutability());
    assertEquals(List.of(wildcard("latest")), created.imageTagMutabilityExclusionFilters());
    assertEquals(EncryptionType.KMS, created.encryptionConfiguration().encryptionType());
    assertEquals(KEY_ARN, created.encryptionConfiguration().kmsKey());
    assertFalse(created.imageScanningConfiguration().scanOnPush());
    assertEquals(List.of(tag("created-by", "template")), tags);
    assertEquals(LIFECYCLE_POLICY, lifecycle);
    assertEquals(REPOSITORY_POLICY, policy);
    assertEquals(digest, described);
    assertThrows(RegistryException.class,
        () -> JibPushes.push(ecr, "tpl-push/app:1.0", "second", temp),
        "the template's IMMUTABLE_WITH_EXCLUSION applies to the created repository");
  }

  @Test
  void pushWithoutMatchingTemplateIsNameUnknown() throws Exception {
    client.createRepositoryCreationTemplate(request -> request.prefix("tpl-replication")
        .appliedFor(RCTAppliedFor.REPLICATION, RCTAppliedFor.PULL_THROUGH_CACHE));
    client.createRepositoryCreationTemplate(request -> request.prefix("tpl-exact")
        .appliedFor(RCTAppliedFor.CREATE_ON_PUSH));

    RegistryException replication = assertThrows(RegistryException.class,
        () -> JibPushes.push(ecr, "tpl-replication/app:1", "content", temp));
    RegistryException noSlash = assertThrows(RegistryException.class,
        () -> JibPushes.push(ecr, "tpl-exactly/app:1", "content", temp));

    assertTrue(replication.getMessage().contains(
        EcrOperations.repositoryNotFoundMessage("tpl-replication/app")), replication.getMessage());
    assertTrue(noSlash.getMessage().contains(
        EcrOperations.repositoryNotFoundMessage("tpl-exactly/app")), noSlash.getMessage());
    assertThrows(RepositoryNotFoundException.class, () -> client.describeRepositories(request ->
        request.repositoryNames("tpl-replication/app", "tpl-exactly/app")));
  }

  @Test
  void rootTemplateAppliesToAnyPush() throws Exception {
    client.createRepositoryCreationTemplate(request -> request.prefix("ROOT")
        .appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
        .imageTagMutability(ImageTagMutability.IMMUTABLE)
        .resourceTags(tag("template", "root")));
    try {
      JibPushes.push(ecr, "tpl-root-any:1", "content", temp);
    } finally {
      client.deleteRepositoryCreationTemplate(request -> request.prefix("ROOT"));
    }

    Repository created = client.describeRepositories(request -> request
        .repositoryNames("tpl-root-any")).repositories().get(0);

    assertEquals(ImageTagMutability.IMMUTABLE, created.imageTagMutability());
    assertEquals(List.of(tag("template", "root")), client.listTagsForResource(request -> request
        .resourceArn(created.repositoryArn())).tags());
  }

  @Test
  void updateReplacesOnlyGivenMembers() {
    RepositoryCreationTemplate created = client.createRepositoryCreationTemplate(request -> request
        .prefix("tpl-update").description("Before").appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
        .resourceTags(tag("team", "payments")).imageTagMutability(ImageTagMutability.MUTABLE))
        .repositoryCreationTemplate();

    RepositoryCreationTemplate updated = client.updateRepositoryCreationTemplate(request -> request
        .prefix("tpl-update").imageTagMutability(ImageTagMutability.IMMUTABLE)
        .encryptionConfiguration(encryption -> encryption.encryptionType(EncryptionType.KMS).kmsKey(KEY_ARN)))
        .repositoryCreationTemplate();
    RepositoryCreationTemplate described = client.describeRepositoryCreationTemplates(request -> request
        .prefixes("tpl-update")).repositoryCreationTemplates().get(0);

    assertEquals(ImageTagMutability.IMMUTABLE, updated.imageTagMutability());
    assertEquals(KEY_ARN, updated.encryptionConfiguration().kmsKey());
    assertEquals("Before", updated.description());
    assertEquals(List.of(tag("team", "payments")), updated.resourceTags());
    assertEquals(List.of(RCTAppliedFor.CREATE_ON_PUSH), updated.appliedFor());
    assertEquals(created.createdAt(), updated.createdAt());
    assertFalse(updated.updatedAt().isBefore(created.updatedAt()));
    assertEquals(updated, described);
    client.deleteRepositoryCreationTemplate(request -> request.prefix("tpl-update"));
  }

  @Test
  void updateOfMissingTemplateIsNotFound() {
    TemplateNotFoundException e = assertThrows(TemplateNotFoundException.class,
        () -> client.updateRepositoryCreationTemplate(request -> request.prefix("tpl-no-such")
            .description("x")));

    assertEquals("The repository creation template with prefix 'tpl-no-such' does not exist in the "
        + "registry with id '" + LocalEcr.ACCOUNT_ID + "'", e.awsErrorDetails().errorMessage());
  }

  @Test
  void invalidUpdateIsRejected() {
    client.createRepositoryCreationTemplate(request -> request.prefix("tpl-bad-update")
        .appliedFor(RCTAppliedFor.CREATE_ON_PUSH));

    assertThrows(InvalidParameterException.class, () -> client.updateRepositoryCreationTemplate(
        request -> request.prefix("tpl-bad-update").appliedForWithStrings("NOT_A_USE")));
    assertThrows(InvalidParameterException.class, () -> client.updateRepositoryCreationTemplate(
        request -> request.prefix("tpl-bad-update").encryptionConfiguration(
            encryption -> encryption.encryptionType(EncryptionType.AES256).kmsKey(KEY_ARN))));
    assertEquals(List.of(RCTAppliedFor.CREATE_ON_PUSH), client.describeRepositoryCreationTemplates(
        request -> request.prefixes("tpl-bad-update")).repositoryCreationTemplates().get(0).appliedFor());
    client.deleteRepositoryCreationTemplate(request -> request.prefix("tpl-bad-update"));
  }

  @Test
  void unusableTemplateKeyStopsCreateOnPush() throws Exception {
    String keyArn = "arn:aws:kms:eu-west-1:123456789012:key/1c2d3e4f-0000-4a4a-8b8b-0123456789ab";
    String roleArn = "arn:aws:iam::123456789012:role/ecr-template-creator";
    client.createRepositoryCreationTemplate(request -> request.prefix("tpl-kms")
        .appliedFor(RCTAppliedFor.CREATE_ON_PUSH).customRoleArn(roleArn)
        .encryptionConfiguration(encryption -> encryption.encryptionType(EncryptionType.KMS).kmsKey(keyArn)));
    ecr.unusableKmsKey(keyArn);

    RegistryException e = assertThrows(RegistryException.class,
        () -> JibPushes.push(ecr, "tpl-kms/app:1", "content", temp));

    assertThrows(RepositoryNotFoundException.class, () -> client.describeRepositories(
        request -> request.repositoryNames("tpl-kms/app")));
    ecr.clearFaults();
    JibPushes.push(ecr, "tpl-kms/app:1", "content", temp);
    Repository created = client.describeRepositories(request -> request.repositoryNames("tpl-kms/app"))
        .repositories().get(0);
    assertEquals(keyArn, created.encryptionConfiguration().kmsKey());
    assertTrue(e instanceof com.google.cloud.tools.jib.api.RegistryUnauthorizedException, e.toString());
  }

  private static CreationTemplates.Template template(String prefix, String appliedFor) {
    return new CreationTemplates.Template(prefix, null, EncryptionRequests.Encryption.DEFAULT,
        Map.of(), new EcrRequests.TagMutability("MUTABLE", List.of()), null, null,
        List.of(appliedFor), null, Instant.EPOCH, Instant.EPOCH);
  }

  private static String chosen(List<CreationTemplates.Template> templates, String repository) {
    return CreationTemplates.forCreateOnPush(templates, repository).orElseThrow().prefix();
  }
}
