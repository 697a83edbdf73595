package io.github.ecrmaven.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.aws.AwsSettings;
import io.github.ecrmaven.ecr.TargetImage;
import io.github.ecrmaven.image.ApplicationLayers;
import io.github.ecrmaven.image.BuiltImage;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.RegistryAccess;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds tarballs from a base image in the local registry, as {@code ecr:build} does. */
class TarballBuildTest {
  @TempDir Path buildDirectory;
  @TempDir Path classes;

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
}
