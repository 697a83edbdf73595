package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.image.ApplicationForm;
import io.github.ecrmaven.image.ApplicationLayers;
import io.github.ecrmaven.image.BaseImageCache;
import io.github.ecrmaven.image.BuiltImage;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.RegistryAccess;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import io.github.ecrmaven.testing.Podman;
import io.github.ecrmaven.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds tarballs from a base image in the local registry, as {@code ecr:build} does. */
class TarballBuildTest {
  @TempDir Path buildDirectory;
  @TempDir Path classes;
  @TempDir Path baseImageCache;

  @Test
  void baseImageWithSettingsCredentialIsBuilt() throws Exception {
    LocalEcr ecr = SharedLocalEcr.get();
    PublisherTest.compileHello(classes, "from a tarball");
    long calls = ecr.apiCallCounts().values().stream().mapToLong(Long::longValue).sum();
    // The local registry's host is not an ECR host, so the credential stands for a settings.xml server.
    RegistryAccess base = RegistryAccess.withCredential(SharedLocalEcr.baseImage(), "AWS", ecr.issueRegistryPassword());
    BuildRequest request = new BuildRequest(
        TargetImage.resolve(null, "tarball/app", List.of("1.0", "local")),
        AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null),
        base,
        new ApplicationLayers(List.of(), List.of(), List.of(), classes),
        Optional.empty(),
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of()),
        buildDirectory);

    BuiltImage built = new TarballBuild(BuildLog.silent()).build(request);

    assertTrue(Files.size(buildDirectory.resolve(TarballBuild.TARBALL)) > 1_000_000);
    JsonNode report = new ObjectMapper().readTree(buildDirectory.resolve(TarballBuild.REPORT).toFile());
    assertEquals(built.digest(), report.get("imageDigest").asText());
    assertEquals("tarball/app", report.get("image").asText());
    assertEquals(calls, ecr.apiCallCounts().values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void ociTarballNamesOnlyFirstTag() throws Exception {
    LocalEcr ecr = SharedLocalEcr.get();
    PublisherTest.compileHello(classes, "OCI tags");
    RegistryAccess base = RegistryAccess.withCredential(SharedLocalEcr.baseImage(), "AWS", ecr.issueRegistryPassword());
    BuildRequest request = new BuildRequest(
        TargetImage.resolve(null, "tarball/oci", List.of("oci1", "oci2", "oci3")),
        AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null),
        base,
        new ApplicationLayers(List.of(), List.of(), List.of(), classes),
        Optional.empty(),
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of(),
            Optional.of(Instant.EPOCH), List.of(), Optional.empty(), Optional.empty(), List.of(), ImageFormat.OCI),
        buildDirectory);
    RecordingLog log = new RecordingLog();

    new TarballBuild(log).build(request);

    // podman 4.3.1 rejects an OCI archive with one manifest descriptor per tag, so only the first tag loads.
    try (Podman podman = Podman.create(ecr.caCertDirectory())) {
      podman.load(buildDirectory.resolve(TarballBuild.TARBALL));
      assertEquals(List.of("localhost/tarball/oci:oci1"), podman.imageNames());
    }
    List<String> tagWarnings = log.warnings().stream().filter(line -> line.startsWith("The OCI tarball")).toList();
    assertEquals(1, tagWarnings.size(), log.warnings().toString());
    assertTrue(tagWarnings.get(0).contains("names only the tag oci1, so 'podman load' does not create the tags"
        + " oci2, oci3"), tagWarnings.get(0));
  }

  @Test
  void offlineBuildTakesBaseImageFromCache() throws Exception {
    LocalEcr ecr = SharedLocalEcr.get();
    PublisherTest.compileHello(classes, "offline");
    BuildRequest online = request(ecr).withBaseImageCache(baseImageCache, false);
    BuiltImage first = new TarballBuild(BuildLog.silent()).build(online);
    assertTrue(BaseImageCache.contains(baseImageCache, SharedLocalEcr.baseImage()));
    long calls = ecr.apiCallCounts().values().stream().mapToLong(Long::longValue).sum();
    long registryBytes = ecr.registryBytesSent();

    BuiltImage offline = new TarballBuild(BuildLog.silent()).build(online.withBaseImageCache(baseImageCache, true));

    assertEquals(first.digest(), offline.digest());
    assertEquals(calls, ecr.apiCallCounts().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(registryBytes, ecr.registryBytesSent());
  }

  @Test
  void offlineBuildWithoutCachedBaseImageFails() throws Exception {
    LocalEcr ecr = SharedLocalEcr.get();
    PublisherTest.compileHello(classes, "offline");
    assertFalse(BaseImageCache.contains(baseImageCache, SharedLocalEcr.baseImage()));

    PublishException e = assertThrows(PublishException.class,
        () -> new TarballBuild(BuildLog.silent()).build(request(ecr).withBaseImageCache(baseImageCache, true)));

    assertEquals(BaseImageCache.notCachedMessage(SharedLocalEcr.baseImage(), baseImageCache), e.getMessage());
    assertFalse(Files.exists(buildDirectory.resolve(TarballBuild.TARBALL)));
  }

  @Test
  void warOnBaseWithoutEntrypointFailsBeforeWriting() throws Exception {
    LocalEcr ecr = SharedLocalEcr.get();
    Files.writeString(Files.createDirectories(buildDirectory.resolve("shop/WEB-INF")).resolve("web.xml"), "<web-app/>");
    Files.writeString(buildDirectory.resolve(TarballBuild.TARBALL), "an earlier build's tarball");
    BuildRequest request = warRequest(request(ecr));

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> new TarballBuild(BuildLog.silent()).build(request));

    assertTrue(e.getMessage().startsWith("The base image " + SharedLocalEcr.baseImage() + " from <from><image>"
        + " (ecr.from.image) has neither an entrypoint nor a command"), e.getMessage());
    assertFalse(Files.exists(buildDirectory.resolve(TarballBuild.TARBALL)));
    assertFalse(Files.exists(buildDirectory.resolve(TarballBuild.REPORT)));
  }

  @Test
  void offlineWarReadsBaseFromCache() throws Exception {
    LocalEcr ecr = SharedLocalEcr.get();
    PublisherTest.compileHello(classes, "offline");
    new TarballBuild(BuildLog.silent()).build(request(ecr).withBaseImageCache(baseImageCache, false));
    Files.createDirectories(buildDirectory.resolve("shop/WEB-INF"));
    long registryBytes = ecr.registryBytesSent();
    BuildRequest offline = warRequest(request(ecr)).withBaseImageCache(baseImageCache, true);

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> new TarballBuild(BuildLog.silent()).build(offline));

    assertTrue(e.getMessage().contains("has neither an entrypoint nor a command"), e.getMessage());
    assertEquals(registryBytes, ecr.registryBytesSent());
  }

  @Test
  void inheritedEntrypointOfBaseIsKept() throws Exception {
    LocalEcr ecr = SharedLocalEcr.get();
    String repository = "tarball/with-entrypoint";
    ecr.createRepository(repository);
    String base = ecr.registryHost() + "/" + repository + ":1";
    Jib.fromScratch().setEntrypoint("/bin/serve").setProgramArguments("--port", "8080")
        .containerize(Containerizer.to(RegistryImage.named(base).addCredential("AWS", ecr.issueRegistryPassword())));
    BuildRequest request = request(ecr);
    RegistryAccess access = RegistryAccess.withCredential(base, "AWS", ecr.issueRegistryPassword());
    BuildRequest inherit = new BuildRequest(request.target(), request.aws(), access, request.layers(),
        Optional.empty(), request.container().withEntrypoint(List.of(ContainerSettings.INHERIT)), buildDirectory);

    BuiltImage built = new TarballBuild(BuildLog.silent()).build(inherit);

    assertTrue(built.digest().startsWith("sha256:"), built.digest());
  }

  /** Returns the request for a WAR in {@code shop} below the build directory, which keeps the base's entrypoint. */
  private BuildRequest warRequest(BuildRequest request) {
    ApplicationLayers war = request.layers()
        .withForm(new ApplicationForm.ExplodedWar(buildDirectory.resolve("shop"), "/usr/local/tomcat/webapps/ROOT"));
    return new BuildRequest(request.target(), request.aws(), request.baseImage(), request.baseImageAws(), war,
        Optional.empty(), request.container().withEntrypoint(List.of(ContainerSettings.INHERIT)),
        request.buildDirectory(), request.baseImageCache(), request.offline());
  }

  private BuildRequest request(LocalEcr ecr) throws Exception {
    RegistryAccess base = RegistryAccess.withCredential(SharedLocalEcr.baseImage(), "AWS", ecr.issueRegistryPassword());
    return new BuildRequest(
        TargetImage.resolve(null, "tarball/offline", List.of("1.0")),
        AwsSettings.of(LocalEcr.REGION, ecr.apiEndpoint().toString(), null),
        base,
        new ApplicationLayers(List.of(), List.of(), List.of(), classes),
        Optional.empty(),
        new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Map.of()),
        buildDirectory);
  }
}
