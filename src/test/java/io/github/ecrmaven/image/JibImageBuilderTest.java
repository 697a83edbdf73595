package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ContainerBuildPlan;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.LayerObject;
import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.image.ExtraDirectories.ExtraDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the build plan Jib receives, without contacting a registry. */
class JibImageBuilderTest {
  @TempDir Path folder;

  private static ContainerSettings settings(List<String> entrypoint, List<String> args) {
    return new ContainerSettings(Optional.empty(), List.of("-Xmx64m"), args, List.of("8080"), Map.of("MODE", "test"),
        Map.of("team", "payments"), Optional.of(Instant.EPOCH), entrypoint, Optional.of("nobody"),
        Optional.of("/srv/app"), List.of("/var/lib/app"), ImageFormat.OCI);
  }

  private ContainerBuildPlan plan(ApplicationLayers layers, Optional<String> mainClass, ContainerSettings settings)
      throws Exception {
    ApplicationImage image =
        new ApplicationImage(RegistryAccess.anonymous("localhost:5000/base/java17:17"), layers, mainClass, settings);
    return new JibImageBuilder(BuildLog.silent(), folder.resolve("cache")).containerBuilder(image).toContainerBuildPlan();
  }

  private ApplicationLayers noFiles() {
    return new ApplicationLayers(List.of(), List.of(), List.of(), folder.resolve("classes"));
  }

  @Test
  void planRunsMainClassWithJvmFlags() throws Exception {
    ContainerBuildPlan plan = plan(noFiles(), Optional.of("com.example.Main"), settings(List.of(), List.of("serve")));

    List<String> entrypoint = plan.getEntrypoint();
    assertEquals("java", entrypoint.get(0));
    assertTrue(entrypoint.contains("-Xmx64m"), entrypoint.toString());
    assertEquals("com.example.Main", entrypoint.get(entrypoint.size() - 1));
    assertEquals(List.of("serve"), plan.getCmd());
  }

  @Test
  void planCarriesContainerSettings() throws Exception {
    ContainerBuildPlan plan = plan(noFiles(), Optional.of("com.example.Main"), settings(List.of(), List.of()));

    assertEquals(ImageFormat.OCI, plan.getFormat());
    assertEquals("nobody", plan.getUser());
    assertEquals(AbsoluteUnixPath.get("/srv/app"), plan.getWorkingDirectory());
    assertEquals(Set.of(AbsoluteUnixPath.get("/var/lib/app")), plan.getVolumes());
    assertEquals("test", plan.getEnvironment().get("MODE"));
    assertEquals("payments", plan.getLabels().get("team"));
    assertEquals(Instant.EPOCH, plan.getCreationTime());
  }

  @Test
  void planReplacesJavaCommandWithEntrypoint() throws Exception {
    ContainerBuildPlan plan =
        plan(noFiles(), Optional.empty(), settings(List.of("/opt/app/run.sh", "--fast"), List.of("serve")));

    assertEquals(List.of("/opt/app/run.sh", "--fast"), plan.getEntrypoint());
    assertEquals(List.of("serve"), plan.getCmd());
  }

  @Test
  void planInheritsEntrypointAndArguments() throws Exception {
    ContainerBuildPlan plan = plan(noFiles(), Optional.empty(), settings(List.of("INHERIT"), List.of()));

    assertNull(plan.getEntrypoint());
    assertNull(plan.getCmd());
  }

  @Test
  void planInheritsEntrypointWithConfiguredArguments() throws Exception {
    ContainerBuildPlan plan = plan(noFiles(), Optional.empty(), settings(List.of("INHERIT"), List.of("--port", "80")));

    assertNull(plan.getEntrypoint());
    assertEquals(List.of("--port", "80"), plan.getCmd());
  }

  @Test
  void planPutsExtraFilesInTopLayer() throws Exception {
    Path extra = Files.createDirectories(folder.resolve("container/bin"));
    Files.writeString(extra.resolve("run.sh"), "#!/bin/sh\n");
    ApplicationLayers layers = noFiles().withExtraDirectories(new ExtraDirectories(
        List.of(new ExtraDirectory(folder.resolve("container"), "/opt/app")), List.of(), "644", "755"));

    List<? extends LayerObject> planLayers = plan(layers, Optional.of("com.example.Main"), settings(List.of(), List.of()))
        .getLayers();

    LayerObject top = planLayers.get(planLayers.size() - 1);
    assertEquals(ExtraFilesLayer.LAYER_NAME, top.getName());
    assertEquals(List.of("/opt/app/bin", "/opt/app/bin/run.sh"),
        ((FileEntriesLayer) top).getEntries().stream().map(entry -> entry.getExtractionPath().toString()).toList());
  }
}
