package io.github.ecrmaven.localecr;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Pushes small images with real Jib Core to a local ECR, for tests of the registry front. */
final class JibPushes {

  private JibPushes() {}

  /**
   * Pushes a scratch image with one layer that contains a file of {@code content} to
   * {@code repositoryAndTag}, with a freshly issued registry password.
   *
   * @param work a folder for the layer file and Jib's caches
   */
  static JibContainer push(LocalEcr ecr, String repositoryAndTag, String content, Path work)
      throws Exception {
    Path layer = Files.createTempFile(Files.createDirectories(work), "layer-", ".txt");
    Files.writeString(layer, content, StandardCharsets.UTF_8);
    return Jib.fromScratch()
        .addLayer(List.of(layer), AbsoluteUnixPath.get("/app"))
        .containerize(
            Containerizer.to(
                    RegistryImage.named(ecr.registryHost() + "/" + repositoryAndTag)
                        .addCredential("AWS", ecr.issueRegistryPassword()))
                .setBaseImageLayersCache(work.resolve("base-cache"))
                .setApplicationLayersCache(work.resolve("application-cache"))
                .setToolName("local-ecr-test"));
  }
}
