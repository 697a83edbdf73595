package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.ContainerBuildPlan;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.LayerObject;
import io.github.ecrmaven.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the layers and entrypoint of each containerizing mode in the build plan Jib receives. */
class ContainerizingLayersTest {
  @TempDir Path folder;

  private static ContainerSettings settings(List<String> entrypoint) {
    return new ContainerSettings(Optional.empty(), List.of("-Xmx64m"), List.of(), List.of(), Map.of(), Map.of())
        .withEntrypoint(entrypoint);
  }

  private ContainerBuildPlan plan(ApplicationLayers layers, Optional<String> mainClass, ContainerSettings settings)
      throws Exception {
    ApplicationImage image =
        new ApplicationImage(RegistryAccess.anonymous("localhost:5000/base/java17:17"), layers, mainClass, settings);
    return new JibImageBuilder(BuildLog.silent(), folder.resolve("target/ecr-cache")).containerBuilder(image)
        .toContainerBuildPlan();
  }

  private static List<String> layerNames(ContainerBuildPlan plan) {
    return plan.getLayers().stream().map(LayerObject::getName).toList();
  }

  private static List<String> paths(ContainerBuildPlan plan, String layerName) {
    return plan.getLayers().stream()
        .filter(layer -> layer.getName().equals(layerName))
        .flatMap(layer -> ((FileEntriesLayer) layer).getEntries().stream())
        .map(entry -> entry.getExtractionPath().toString())
        .toList();
  }

  private Path file(String name) throws Exception {
    Path file = folder.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, name);
  }

  @Test
  void packagedPutsJarAboveDependencies() throws Exception {
    Path jar = file("target/app-1.0.jar");
    ApplicationLayers layers = new ApplicationLayers(List.of(file("repo/core-2.0.jar")),
        List.of(file("repo/tools-1.0-SNAPSHOT.jar")), List.of(), folder.resolve("target/classes"))
        .withForm(new ApplicationForm.PackagedJar(jar));

    ContainerBuildPlan plan = plan(layers, Optional.of("com.example.App"), settings(List.of()));

    assertEquals(List.of("dependencies", "snapshot dependencies", "jar"), layerNames(plan));
    assertEquals(List.of("/app/libs/core-2.0.jar"), paths(plan, "dependencies"));
    assertEquals(List.of("/app/app-1.0.jar"), paths(plan, "jar"));
    assertEquals(List.of("java", "-Xmx64m", "-cp", "/app/app-1.0.jar:/app/libs/*", "com.example.App"),
        plan.getEntrypoint());
  }

  @Test
  void packagedRenamesDependenciesWithSameFileName() throws Exception {
    Path jar = file("target/app-1.0.jar");
    ApplicationLayers layers = new ApplicationLayers(
        List.of(file("repo/a/core-2.0.jar"), file("repo/b/core-2.0.jar")), List.of(), List.of(),
        folder.resolve("target/classes"))
        .withForm(new ApplicationForm.PackagedJar(jar));

    List<String> paths = paths(plan(layers, Optional.of("com.example.App"), settings(List.of())), "dependencies");

    assertEquals("/app/libs/core-2.0.jar", paths.get(0));
    assertTrue(paths.get(1).matches("/app/libs/core-2\\.0-[0-9a-f]{12}\\.jar"), paths.toString());
  }

  @Test
  void packagedKeepsConfiguredEntrypoint() throws Exception {
    ApplicationLayers layers = new ApplicationLayers(List.of(), List.of(), List.of(), folder.resolve("classes"))
        .withForm(new ApplicationForm.PackagedJar(file("target/app-1.0.jar")));

    ContainerBuildPlan plan = plan(layers, Optional.empty(), settings(List.of("/bin/run", "app")));

    assertEquals(List.of("jar"), layerNames(plan));
    assertEquals(List.of("/bin/run", "app"), plan.getEntrypoint());
  }

  @Test
  void springBootJarFollowsLayerIndex() throws Exception {
    SpringBootJar jar =
        SpringBootJar.detect(SpringBootJarTest.bootJar(folder.resolve("target/app.jar"), true)).orElseThrow();
    ApplicationLayers layers = new ApplicationLayers(List.of(), List.of(), List.of(), folder.resolve("classes"))
        .withForm(new ApplicationForm.SpringBootExecutableJar(jar));

    ContainerBuildPlan plan = plan(layers, Optional.of(jar.launcherClass()), settings(List.of()));

    assertEquals(List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application"),
        layerNames(plan));
    assertEquals(List.of("/app/BOOT-INF/lib/spring-core-6.2.12.jar"), paths(plan, "dependencies"));
    assertEquals(List.of("/app/BOOT-INF/lib/internal-tools-1.0-SNAPSHOT.jar"), paths(plan, "snapshot-dependencies"));
    assertTrue(paths(plan, "application").contains("/app/BOOT-INF/classes/com/example/App.class"));
    assertTrue(paths(plan, "application").contains("/app/META-INF/MANIFEST.MF"));
    assertEquals(List.of("java", "-Xmx64m", "-cp", "/app", SpringBootJarTest.LAUNCHER), plan.getEntrypoint());
  }

  @Test
  void springBootJarIsUnpackedBesideCache() throws Exception {
    SpringBootJar jar =
        SpringBootJar.detect(SpringBootJarTest.bootJar(folder.resolve("target/app.jar"), true)).orElseThrow();
    ApplicationLayers layers = new ApplicationLayers(List.of(), List.of(), List.of(), folder.resolve("classes"))
        .withForm(new ApplicationForm.SpringBootExecutableJar(jar));

    plan(layers, Optional.of(jar.launcherClass()), settings(List.of()));

    Path unpacked = folder.resolve("target").resolve(JibImageBuilder.SPRING_BOOT_UNPACK_DIRECTORY);
    assertEquals("app", Files.readString(unpacked.resolve("BOOT-INF/classes/com/example/App.class")));
  }

  @Test
  void springBootJarSkipsEmptyIndexLayer() throws Exception {
    SpringBootJar jar =
        SpringBootJar.detect(SpringBootJarTest.bootJarWithoutSnapshots(folder.resolve("target/app.jar"))).orElseThrow();
    ApplicationLayers layers = new ApplicationLayers(List.of(), List.of(), List.of(), folder.resolve("classes"))
        .withForm(new ApplicationForm.SpringBootExecutableJar(jar));

    ContainerBuildPlan plan = plan(layers, Optional.of(jar.launcherClass()), settings(List.of()));

    assertEquals(List.of("dependencies", "spring-boot-loader", "application"), layerNames(plan));
    assertEquals(jar.filledLayerNames(), layerNames(plan));
  }

  @Test
  void springBootJarWithoutIndexSkipsEmptyLayers() throws Exception {
    Path path = TestJars.write(folder.resolve("target/app.jar"), Map.of("Main-Class", SpringBootJarTest.LAUNCHER),
        Map.of("BOOT-INF/classes/com/example/App.class", "app",
            "org/springframework/boot/loader/launch/JarLauncher.class", "launcher"));
    SpringBootJar jar = SpringBootJar.detect(path).orElseThrow();
    ApplicationLayers layers = new ApplicationLayers(List.of(), List.of(), List.of(), folder.resolve("classes"))
        .withForm(new ApplicationForm.SpringBootExecutableJar(jar));

    ContainerBuildPlan plan = plan(layers, Optional.of(jar.launcherClass()), settings(List.of()));

    assertEquals(List.of("spring-boot-loader", "application"), layerNames(plan));
  }

  @Test
  void warGoesBelowAppRootWithoutEntrypoint() throws Exception {
    Path war = folder.resolve("target/shop-1.0");
    file("target/shop-1.0/index.html");
    file("target/shop-1.0/WEB-INF/web.xml");
    file("target/shop-1.0/WEB-INF/classes/com/example/Hello.class");
    file("target/shop-1.0/WEB-INF/lib/core-2.0.jar");
    file("target/shop-1.0/WEB-INF/lib/tools-1.0-20260101.120000-3.jar");
    ApplicationLayers layers = new ApplicationLayers(List.of(), List.of(), List.of(), folder.resolve("classes"))
        .withForm(new ApplicationForm.ExplodedWar(war, "/usr/local/tomcat/webapps/ROOT"));

    ContainerBuildPlan plan = plan(layers, Optional.empty(), settings(List.of(ContainerSettings.INHERIT)));

    assertEquals(List.of("dependencies", "snapshot dependencies", "resources", "classes"), layerNames(plan));
    String root = "/usr/local/tomcat/webapps/ROOT";
    assertEquals(List.of(root + "/WEB-INF/lib/core-2.0.jar"), paths(plan, "dependencies"));
    assertEquals(List.of(root + "/WEB-INF/lib/tools-1.0-20260101.120000-3.jar"), paths(plan, "snapshot dependencies"));
    assertEquals(List.of(root + "/WEB-INF", root + "/WEB-INF/classes", root + "/WEB-INF/lib", root + "/WEB-INF/web.xml",
        root + "/index.html"), paths(plan, "resources"));
    assertTrue(paths(plan, "classes").contains(root + "/WEB-INF/classes/com/example/Hello.class"));
    assertNull(plan.getEntrypoint());
  }

  @Test
  void warLayerOfSortsJarsAndClasses() {
    assertEquals("dependencies", ExplodedWarLayers.layerOf("WEB-INF/lib/core-2.0.jar", false));
    assertEquals("snapshot dependencies", ExplodedWarLayers.layerOf("WEB-INF/lib/tools-1.0-SNAPSHOT.jar", false));
    assertEquals("classes", ExplodedWarLayers.layerOf("WEB-INF/classes/app.properties", false));
    assertEquals("resources", ExplodedWarLayers.layerOf("WEB-INF/lib", true));
    assertEquals("resources", ExplodedWarLayers.layerOf("css/site.css", false));
    assertFalse(ExplodedWarLayers.layerOf("WEB-INF/libraries.txt", false).equals("dependencies"));
  }
}
