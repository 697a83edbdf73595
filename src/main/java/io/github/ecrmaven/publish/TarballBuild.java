package io.github.ecrmaven.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.EcrClients;
import io.github.ecrmaven.ecr.EcrAccessException;
import io.github.ecrmaven.ecr.EcrRegistry;
import io.github.ecrmaven.ecr.ImageTag;
import io.github.ecrmaven.image.ApplicationImage;
import io.github.ecrmaven.image.BaseImageCache;
import io.github.ecrmaven.image.BuiltImage;
import io.github.ecrmaven.image.ImageBuildException;
import io.github.ecrmaven.image.InheritedEntrypoint;
import io.github.ecrmaven.image.JibImageBuilder;
import io.github.ecrmaven.image.MainClassResolver;
import io.github.ecrmaven.image.RegistryAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Builds the image {@code ecr:push} would push into {@code target/ecr-image.tar}, in the configured
 * Docker or OCI format, and writes {@code target/ecr-build.json}, never the push report. It makes no AWS
 * call unless the base image is in ECR, in which case it fetches a token for the base image's region. In
 * offline mode it takes the base image from the base image cache and makes no call at all.
 */
public final class TarballBuild {
  public static final String TARBALL = "ecr-image.tar";
  public static final String REPORT = "ecr-build.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final BuildLog log;

  public TarballBuild(BuildLog log) {
    this.log = log;
  }

  /**
   * Builds the tarball.
   *
   * @throws ConfigurationException when a value is invalid
   * @throws PublishException when the base image cannot be read or a file cannot be written
   * @throws InterruptedException when the build is interrupted
   */
  public BuiltImage build(BuildRequest request) throws ConfigurationException, PublishException, InterruptedException {
    if (request.container().platforms().size() > 1) {
      throw new ConfigurationException("ecr:build writes a tarball, which contains the image of one platform, but"
          + " <from><platforms> (ecr.from.platforms) names " + String.join(", ", request.container().platforms())
          + ". Select one for the tarball, such as -Decr.from.platforms=" + request.container().platforms().get(0)
          + "; ecr:push pushes all of them as an image index.");
    }
    ImageReference baseImage = Publisher.parseBaseImage(request.baseImage().reference());
    BaseImageAccess baseAccess = planBaseImageAccess(request, baseImage);
    Optional<String> mainClass =
        MainClassResolver.resolveFor(request.container(), request.manifestMainClass(), request.layers(), log);
    String name = request.target().registry().map(registry -> registry.host() + "/").orElse("")
        + request.target().repository();
    List<String> tags = request.target().tags().stream().map(ImageTag::value).toList();
    Path tarball = request.buildDirectory().resolve(TARBALL);
    try {
      // A failed build must not leave the tarball of an earlier build, which podman would load instead.
      Files.deleteIfExists(request.buildDirectory().resolve(REPORT));
      Files.deleteIfExists(tarball);
      Files.createDirectories(request.buildDirectory());
      RegistryAccess baseImageAccess = request.offline()
          ? offlineBaseImageAccess(request, baseAccess, baseImage)
          : baseImageAccess(request, baseAccess);
      ApplicationImage image = new ApplicationImage(baseImageAccess, request.layers(), mainClass, request.container());
      new InheritedEntrypoint(log).check(image, request.baseImageCache(), request.offline());
      log.info("Building " + name + " from " + baseImage + " into " + tarball + " (" + image.startCommand() + ", "
          + request.container().format() + " format" + (request.offline() ? ", offline" : "") + ")");
      JibImageBuilder builder = new JibImageBuilder(
          log, request.buildDirectory().resolve("ecr-cache"), request.baseImageCache(), request.offline());
      BuiltImage built = builder.buildTarball(image, tarball, name + ":" + tags.get(0), tags.subList(1, tags.size()));
      writeReport(request.buildDirectory(), name, tags, tarball, built);
      log.info("Built " + name + "@" + built.digest() + " with tags " + String.join(", ", tags) + " into " + tarball);
      warnIfOciTagsMissing(request.container().format(), name, tags, tarball);
      return built;
    } catch (EcrAccessException | ImageBuildException e) {
      throw new PublishException(e.getMessage(), e);
    } catch (IOException e) {
      throw new PublishException("Failed to write " + REPORT + " in " + request.buildDirectory() + ": " + e, e);
    }
  }

  /**
   * Warns that an OCI tarball names only the first tag. Jib writes an {@code index.json} with one manifest
   * descriptor, whose {@code org.opencontainers.image.ref.name} is the first tag. One descriptor per tag would
   * not help, because podman 4.3.1 rejects such an archive ("more than one image in oci, choose an image").
   * A Docker tarball names every tag.
   */
  private void warnIfOciTagsMissing(ImageFormat format, String name, List<String> tags, Path tarball) {
    if (format != ImageFormat.OCI || tags.size() < 2) {
      return;
    }
    List<String> missing = tags.subList(1, tags.size());
    log.warn("The OCI tarball " + tarball + " names only the tag " + tags.get(0) + ", so 'podman load' does not"
        + " create the tags " + String.join(", ", missing) + ": podman rejects an OCI archive with more than one"
        + " manifest. Add them after loading, such as 'podman tag " + name + ":" + tags.get(0) + " "
        + name + ":" + missing.get(0) + "', or build the Docker format, whose tarball names every tag.");
  }

  /**
   * Plans the base image's access. Only a base image in private ECR needs the target's region, which then
   * comes from {@code <to><image>}, {@code <region>} or the SDK's chain, else the base image's own.
   */
  private static BaseImageAccess planBaseImageAccess(BuildRequest request, ImageReference baseImage)
      throws ConfigurationException {
    Optional<EcrRegistry> ecrRegistry = EcrRegistry.parse(baseImage.getRegistry());
    String targetRegion = "";
    if (ecrRegistry.isPresent()) {
      EcrClients.checkProfile(request.aws());
      Optional<String> targetHostRegion = request.target().registry().map(EcrRegistry::region);
      targetRegion = targetHostRegion.isPresent() || request.aws().region().isPresent()
          ? EcrClients.resolveRegion(request.aws(), targetHostRegion)
          : ecrRegistry.get().region();
    }
    return BaseImageAccess.plan(request.baseImage(), baseImage, request.baseImageAws(), request.aws(), targetRegion);
  }

  /**
   * Returns the base image's access. A base image in ECR gets a token of its region, and it is reached
   * through the target's registry endpoint override when it is in the target's registry or no target
   * registry is named, unless {@code <from><aws><registryEndpoint>} is set.
   */
  private RegistryAccess baseImageAccess(BuildRequest request, BaseImageAccess baseAccess)
      throws EcrAccessException {
    boolean inTargetRegistry = request.target().registry()
        .map(registry -> baseAccess.isInRegistry(registry.host()))
        .orElse(true);
    return baseAccess.fetch(inTargetRegistry ? request.target().registryEndpoint() : Optional.empty(), log);
  }

  /**
   * Returns the base image's access for an offline build, after checking that the base image cache
   * contains it. A base image in ECR gets no token: the cached copy needs none.
   *
   * @throws PublishException when the base image is not in the cache
   */
  private RegistryAccess offlineBaseImageAccess(BuildRequest request, BaseImageAccess baseAccess,
      ImageReference baseImage) throws ImageBuildException, PublishException {
    boolean inTargetRegistry = request.target().registry()
        .map(registry -> baseAccess.isInRegistry(registry.host()))
        .orElse(true);
    RegistryAccess access = baseAccess.offline(inTargetRegistry ? request.target().registryEndpoint() : Optional.empty());
    // The cache names the image by the host Jib reached, which a registry endpoint override changes.
    String cachedAs = access.reference().equals(baseImage.toString()) ? "" : " (cached as " + access.reference() + ")";
    if (!BaseImageCache.contains(request.baseImageCache(), access.reference())) {
      throw new PublishException(
          BaseImageCache.notCachedMessage(baseImage + cachedAs, request.baseImageCache()), null);
    }
    log.info("Offline mode: taking the base image " + baseImage + cachedAs + " from the base image cache "
        + request.baseImageCache());
    return access;
  }

  private static void writeReport(Path directory, String name, List<String> tags, Path tarball, BuiltImage built)
      throws IOException {
    ObjectNode json = JSON.createObjectNode();
    json.put("image", name);
    json.put("imageDigest", built.digest());
    json.put("imageId", built.imageId());
    json.putArray("tags").addAll(tags.stream().map(json::textNode).toList());
    json.put("tarball", tarball.toString());
    Files.writeString(directory.resolve(REPORT), JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
  }
}
