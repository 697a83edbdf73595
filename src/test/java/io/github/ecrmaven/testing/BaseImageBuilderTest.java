package io.github.ecrmaven.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JavaContainerBuilder;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes the test base image and an application on top of it to the local ECR, checks the digests
 * with skopeo and runs the application with podman.
 */
class BaseImageBuilderTest {
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path tempDir;

  @Test
  void baseImageIsReproducibleAndRuns() throws Exception {
    LocalEcr ecr = SharedLocalEcr.get();
    String password = ecr.issueRegistryPassword();
    ecr.createRepository("base-image-test/java17");
    String baseReference = ecr.registryHost() + "/base-image-test/java17:1";
    Path workDir = tempDir.resolve("base-image");

    String baseDigest = BaseImageBuilder.pushTo(baseReference, "AWS", password, workDir);
    String secondDigest =
        BaseImageBuilder.pushTo(ecr.registryHost() + "/base-image-test/java17:2", "AWS", password, workDir);
    assertEquals(baseDigest, secondDigest, "two builds from the same runtime give different digests");

    Skopeo.Inspection base = Skopeo.inspect(baseReference, "AWS", password, ecr.caCertDirectory());
    assertEquals(baseDigest, base.manifestDigest());
    assertEquals(1, base.manifest().get("layers").size(), base.rawManifest());
    JsonNode baseConfig = base.config().get("config");
    List<String> environment = texts(baseConfig.get("Env"));
    assertTrue(environment.contains("JAVA_HOME=/opt/java/openjdk"), environment.toString());
    assertTrue(environment.stream().anyMatch(entry -> entry.startsWith("PATH=/opt/java/openjdk/bin:")),
        environment.toString());
    assertTrue(texts(baseConfig.get("Entrypoint")).isEmpty(), baseConfig.toString());

    ecr.createRepository("base-image-test/hello");
    String appReference = ecr.registryHost() + "/base-image-test/hello:1";
    JibContainer app =
        JavaContainerBuilder.from(RegistryImage.named(baseReference).addCredential("AWS", password))
            .addClasses(compileHello(tempDir.resolve("hello")))
            .setMainClass("Hello")
            .toContainerBuilder()
            .containerize(
                Containerizer.to(RegistryImage.named(appReference).addCredential("AWS", password))
                    .setBaseImageLayersCache(tempDir.resolve("jib-cache/base"))
                    .setApplicationLayersCache(tempDir.resolve("jib-cache/application")));

    Skopeo.Inspection appInspection = Skopeo.inspect(appReference, "AWS", password, ecr.caCertDirectory());
    assertEquals(app.getDigest().toString(), appInspection.manifestDigest());
    assertEquals(2, appInspection.manifest().get("layers").size(), appInspection.rawManifest());

    ExternalTool.Result run =
        Podman.runImage(appReference, "AWS", password, ecr.caCertDirectory(), List.of("one", "two"), RUN_TIMEOUT);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(
        run.stdout().contains("Hello from the container: Java 17, java.home /opt/java/openjdk, arguments [one, two]"),
        run.output());
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(value -> values.add(value.asText()));
    }
    return values;
  }

  /** Compiles a main class that prints its runtime and arguments. */
  private static Path compileHello(Path folder) throws IOException {
    Path sources = Files.createDirectories(folder.resolve("src"));
    Path classes = Files.createDirectories(folder.resolve("classes"));
    Path source = sources.resolve("Hello.java");
    Files.writeString(
        source,
        String.join(
            "\n",
            "public class Hello {",
            "  public static void main(String[] args) {",
            "    System.out.println(\"Hello from the container: Java \" + Runtime.version().feature()",
            "        + \", java.home \" + System.getProperty(\"java.home\")",
            "        + \", arguments \" + java.util.Arrays.toString(args));",
            "  }",
            "}",
            ""));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertNotNull(compiler, "this JVM has no Java compiler; run the tests on a JDK");
    int status = compiler.run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
    assertEquals(0, status, "compiling Hello.java failed");
    return classes;
  }
}
