package io.github.ecrmaven.publish;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.EcrClients;
import io.github.ecrmaven.aws.RegionNames;
import io.github.ecrmaven.ecr.AuthorizationTokens;
import io.github.ecrmaven.ecr.EcrAccessException;
import io.github.ecrmaven.ecr.EcrRegistry;
import io.github.ecrmaven.ecr.EnsuredRepository;
import io.github.ecrmaven.ecr.ImageManifests;
import io.github.ecrmaven.ecr.ImageScanGate;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.ecr.ImmutableTagException;
import io.github.ecrmaven.ecr.ImageVerifier;
import io.github.ecrmaven.ecr.RegistryCredential;
import io.github.ecrmaven.ecr.RepositoryCreation;
import io.github.ecrmaven.ecr.RepositoryEnsurer;
import io.github.ecrmaven.ecr.VerifiedImage;
import io.github.ecrmaven.image.ApplicationImage;
import io.github.ecrmaven.image.BaseLayerMounts;
import io.github.ecrmaven.image.BuiltImage;
import io.github.ecrmaven.image.ImageBuildException;
import io.github.ecrmaven.image.InheritedEntrypoint;
import io.github.ecrmaven.image.JibImageBuilder;
import io.github.ecrmaven.image.MainClassResolver;
import io.github.ecrmaven.image.RegistryAccess;
import io.github.ecrmaven.image.TagRejectedException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Publishes one image: ensure the repository, get a token, build and push with Jib, verify with
 * {@code DescribeImages}, optionally wait for the image scan, write the push report. This class alone defines the order of the steps.
 */
public final class Publisher {
  private static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+");

  private final BuildLog log;

  public Publisher(BuildLog log) {
    this.log = log;
  }

  /**
   * Runs the publication. Every configuration check happens before the first AWS call.
   *
   * @throws ConfigurationException when a value is invalid
   * @throws PublishException when an AWS call, the build, the push, the verification or the scan gate fails
   * @throws InterruptedException when the build is interrupted
   */
  public PublishResult publish(PublishRequest request)
      throws ConfigurationException, PublishException, InterruptedException {
    long start = System.nanoTime();
    Optional<EcrRegistry> targetRegistry = request.target().registry();
    EcrClients.checkProfile(request.aws());
    String region = EcrClients.resolveRegion(request.aws(), targetRegistry.map(EcrRegistry::region));
    RegionNames.warnIfUnknown(region, log);
    ImageReference baseImage = parseBaseImage(request.baseImage().reference());
    BaseImageAccess baseAccess =
        BaseImageAccess.plan(request.baseImage(), baseImage, request.baseImageAws(), request.aws(), region);
    // A build that requests FIPS or dual-stack endpoints logs the endpoint at info, others at debug.
    boolean endpointVariant = request.aws().fips() || request.aws().dualStack();
    EcrClients.endpointToReport(region, request.aws()).ifPresent(endpointVariant ? log::info : log::debug);
    Optional<String> mainClass =
        MainClassResolver.resolveFor(request.container(), request.manifestMainClass(), request.layers(), log);
    deleteStaleReports(request);  // Again, for callers other than the Maven goal.

    StageTimes times = new StageTimes();
    EcrClient client = EcrClients.get(region, request.aws());
    try {
      Optional<EnsuredRepository> ensured =
          new RepositoryEnsurer(client, log)
              .ensure(
                  request.target().repository(),
                  request.target().registryId(),
                  request.repositoryCreation(),
                  request.repositorySettings(),
                  request.updateRepositorySettings());
      EcrClients.credentialSourceToReport(region, request.aws())
          .ifPresent(source -> log.info("AWS credentials: " + source));
      times.end("repository");
      RegistryCredential credential = AuthorizationTokens.shared().get(client);
      times.end("authorization token");
      String registryHost = registryHost(targetRegistry, ensured, credential);
      String image = registryHost + "/" + request.target().repository();
      // A registry endpoint override changes where Jib connects, not the image's name.
      String pushHost = request.target().registryEndpoint().orElse(registryHost);
      if (!pushHost.equals(registryHost)) {
        log.info("Reaching registry " + registryHost + " at " + pushHost);
      }

      List<String> tags = request.target().tags().stream().map(ImageTag::value).toList();
      // The base image may use the target's token, so a refreshed token gives a new application image.
      boolean baseWithTargetToken = baseAccess.usesTargetToken(registryHost, pushHost);
      RegistryAccess ownBaseAccess = baseWithTargetToken ? null : baseAccess.fetch(Optional.empty(), log);
      ApplicationImageFactory applicationFor = token -> new ApplicationImage(
          baseWithTargetToken ? baseAccess.withTargetToken(token, registryHost, pushHost) : ownBaseAccess,
          request.layers(), mainClass, request.container());
      ApplicationImage application = applicationFor.create(credential);
      // Before any layer is mounted or pushed: an image that keeps the base image's entrypoint needs one.
      new InheritedEntrypoint(log).check(application, request.baseImageCache(), false);
      log.info("Building " + image + " from " + baseImage + " (" + application.startCommand() + ", "
          + request.container().format() + " format)");
      JibImageBuilder builder = new JibImageBuilder(
          log, request.buildDirectory().resolve("ecr-cache"), request.baseImageCache(), false);
      if (ensured.isPresent() && ensured.get().created()) {
        mountBaseLayers(baseImage, registryHost, pushHost, request.target().repository().value(), credential);
      }

      // Before any manifest is written: where do the tags point now? A repository that this build
      // created, or that ECR creates on push, has no tags yet.
      ensured.ifPresent(repository -> TagPlan.warnSingleUseTags(repository, request.target().tags(), log));
      ImageManifests manifests = new ImageManifests(client);
      TagCheck.Result checked = ensured.isPresent() && !ensured.get().created()
          ? new TagCheck(manifests, log).check(ensured.get(), request.target().tags(), application,
              builder, request.buildDirectory())
          : new TagCheck.Result(TagPlan.pushAll(request.target().tags()), Optional.empty());
      TagPlan plan = checked.plan();
      times.end("tag check and base layers");
      BuiltImage built = plan.toPush().isEmpty()
          ? checked.localBuild().orElseThrow()
          : push(request, builder, applicationFor, pushHost + "/" + request.target().repository(), plan,
              credential, ensured, manifests, token -> AuthorizationTokens.shared().refresh(client, token));
      EnsuredRepository repository = ensured.isPresent() ? ensured.get() : createdOnPush(client, request);
      plan.logOutcome(repository, built.digest(), log);
      times.end("build and push");

      VerifiedImage verified =
          new ImageVerifier(client, log).verify(repository, built.digest(), request.target().tags());
      log.info("Verified with DescribeImages: " + image + "@" + verified.digest() + " has tags " + String.join(", ", tags));
      times.end("verification");
      if (request.scanGate().enabled()) {
        // Before the report: a pipeline that deploys from the report must not find an image that failed the gate.
        new ImageScanGate(client, log).check(repository, built.digest(), request.scanGate());
      }
      if (request.scanGate().enabled()) {
        times.end("scan gate");
      }
      log.info(times.summary());

      PublishResult result =
          new PublishResult(
              image,
              built.digest(),
              built.imageId(),
              tags,
              repository.name().value(),
              repository.registryId(),
              region,
              verified.pushedAt(),
              verified.manifestMediaType(),
              Duration.ofNanos(System.nanoTime() - start));
      PushReport.write(request.buildDirectory(), result);
      return result;
    } catch (EcrAccessException | ImageBuildException e) {
      throw new PublishException(e.getMessage(), e);
    } catch (IOException e) {
      throw new PublishException("Failed to write the push report in " + request.buildDirectory() + ": " + e, e);
    }
  }

  /**
   * Makes sure one repository exists with its settings, for {@code ecr:create-repository}.
   *
   * @throws ConfigurationException when a value is invalid
   * @throws PublishException when an AWS call fails
   */
  public EnsuredRepository ensureRepository(RepositoryRequest request) throws ConfigurationException, PublishException {
    EcrClients.checkProfile(request.aws());
    String region = EcrClients.resolveRegion(request.aws(), request.registryRegion());
    RegionNames.warnIfUnknown(region, log);
    EcrClient client = EcrClients.get(region, request.aws());
    try {
      EnsuredRepository repository =
          new RepositoryEnsurer(client, log)
              .ensure(request.repository(), request.registryId(), RepositoryCreation.CREATE, request.settings(),
                  request.updateRepositorySettings())
              .orElseThrow();
      if (!repository.created()) {
        log.info("Repository " + repository.name() + " exists: " + repository.repositoryUri());
      }
      return repository;
    } catch (EcrAccessException e) {
      throw new PublishException(e.getMessage(), e);
    }
  }

  private BuiltImage push(PublishRequest request, JibImageBuilder builder, ApplicationImageFactory applicationFor,
      String image, TagPlan plan, RegistryCredential credential, Optional<EnsuredRepository> ensured,
      ImageManifests manifests, PushAttempts.CredentialRefresh refresh)
      throws ImageBuildException, EcrAccessException, InterruptedException {
    List<String> tags = plan.toPush().stream().map(ImageTag::value).toList();
    try {
      return new PushAttempts(log).run(image, credential, token -> builder.push(applicationFor.create(token),
          RegistryAccess.withCredential(image + ":" + tags.get(0), token.username(), token.password()),
          tags.subList(1, tags.size())), refresh);
    } catch (TagRejectedException e) {
      throw tagTakenDuringPush(manifests, ensured, plan, e);
    } catch (ImageBuildException e) {
      String message = String.valueOf(e.getMessage());
      Matcher kmsKey = KMS_KEY_ARN.matcher(message);
      if (ensured.isEmpty() && message.contains("kms:") && kmsKey.find()) {
        throw new EcrAccessException(
            "ECR did not create repository " + request.target().repository() + " on push because its repository"
                + " creation template encrypts with the KMS key " + kmsKey.group() + ", which KMS does not let ECR"
                + " use (" + message + "). Give the template a repository creation role (customRoleArn) that"
                + " ecr.amazonaws.com may assume, with kms:CreateGrant, kms:RetireGrant and kms:DescribeKey on"
                + " that key, and let the key policy allow them; or set <repositoryCreation> to 'create'.",
            e);
      }
      if (ensured.isEmpty() && message.contains("does not exist")) {
        throw new EcrAccessException(
            "ECR did not create repository " + request.target().repository() + " on push: no repository creation"
                + " template for CREATE_ON_PUSH has a prefix that matches it (" + e.getMessage() + "). Create one,"
                + " for example with 'aws ecr create-repository-creation-template --prefix "
                + request.target().repository().value().split("/")[0] + " --applied-for CREATE_ON_PUSH', or set"
                + " <repositoryCreation> to 'create'.",
            e);
      }
      throw e;
    }
  }

  /**
   * Explains a push that ECR rejected because an immutable tag points at another image, which happens
   * when another build pushed that tag after the tag check. The message lists which tags moved
   * since the check.
   */
  private static ImmutableTagException tagTakenDuringPush(ImageManifests manifests,
      Optional<EnsuredRepository> ensured, TagPlan plan, TagRejectedException cause) throws EcrAccessException {
    if (ensured.isEmpty()) {
      return new ImmutableTagException("The registry rejected a tag of a repository that ECR created on push: "
          + cause.getMessage() + ". Push under a tag that does not exist yet.", cause);
    }
    EnsuredRepository repository = ensured.get();
    // NOTE: tags this push wrote before ECR rejected another one are reported, not moved back.
    Map<ImageTag, String> now = manifests.tagDigests(repository, plan.toPush());
    String moved = now.keySet().stream()
        .filter(tag -> !now.get(tag).equals(plan.previousDigests().get(tag)))
        .map(tag -> tag + " (now " + now.get(tag) + ")")
        .collect(Collectors.joining(", "));
    return new ImmutableTagException(
        "ECR rejected the push to repository " + repository.name() + ": " + cause.getMessage() + " This happens"
            + " when another build pushes the tag between this build's tag check and its push. Tags that point at another image than before this push,"
            + " whoever moved them: " + (moved.isEmpty() ? "none" : moved) + ". Check which pipelines push these"
            + " tags, and push under a tag that does not exist yet.",
        cause);
  }

  /**
   * Mounts the layers of a base image in the target's registry into the repository this build just
   * created, so that Jib does not download them. Only a new repository lacks them.
   */
  private void mountBaseLayers(ImageReference baseImage, String targetHost, String pushHost, String repository,
      RegistryCredential credential) {
    String host = baseImage.getRegistry();
    if (!host.equalsIgnoreCase(targetHost) && !host.equalsIgnoreCase(pushHost)) {
      return;
    }
    int mounted = new BaseLayerMounts(log).mount(pushHost, baseImage.getRepository(), baseImage.getQualifier(),
        repository, credential.username(), credential.password());
    if (mounted > 0) {
      log.info("Mounted " + mounted + " base image layer" + (mounted == 1 ? "" : "s") + " from "
          + baseImage.getRepository() + " into the new repository " + repository + " without downloading "
          + (mounted == 1 ? "it" : "them"));
    }
  }

  /** Builds the application image with the base image access that a registry credential gives. */
  private interface ApplicationImageFactory {
    ApplicationImage create(RegistryCredential credential);
  }

  /** Returns the registry host: the one a full reference names, else the repository's, else the token's. */
  private static String registryHost(
      Optional<EcrRegistry> targetRegistry, Optional<EnsuredRepository> repository, RegistryCredential credential)
      throws EcrAccessException {
    if (targetRegistry.isPresent()) {
      return targetRegistry.get().host();
    }
    if (repository.isPresent()) {
      return repository.get().registryHost();
    }
    return credential.registryHost().orElseThrow(() -> new EcrAccessException(
        "GetAuthorizationToken returned no proxy endpoint, so the registry of a repository that does not exist"
            + " yet is unknown. Give a full reference in <to><image> (ecr.to.image)."));
  }

  private EnsuredRepository createdOnPush(EcrClient client, PublishRequest request) throws EcrAccessException {
    return new RepositoryEnsurer(client, log)
        .describe(request.target().repository(), request.target().registryId())
        .map(repository -> {
          log.info("ECR created repository " + repository.repositoryName() + " on push");
          return RepositoryEnsurer.toEnsured(repository, true);
        })
        .orElseThrow(() -> new EcrAccessException(
            "Repository " + request.target().repository() + " still does not exist after the push, although"
                + " <repositoryCreation> is 'on-push'. Check the repository creation templates of the registry."));
  }

  static ImageReference parseBaseImage(String reference) throws ConfigurationException {
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new ConfigurationException(
          "Invalid <from><image> (ecr.from.image) '" + reference + "': give an image reference such as"
              + " eclipse-temurin:17-jre or 123456789012.dkr.ecr.eu-west-1.amazonaws.com/base/java:17.",
          e);
    }
  }

  private static void deleteStaleReports(PublishRequest request) throws PublishException {
    try {
      PushReport.deleteStale(request.buildDirectory());
    } catch (IOException e) {
      throw new PublishException(
          "Failed to delete the push report of an earlier run in " + request.buildDirectory() + ": " + e, e);
    }
  }
}
