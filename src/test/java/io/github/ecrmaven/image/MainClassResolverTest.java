package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

class MainClassResolverTest {
  @TempDir Path sources;
  @TempDir Path classes;
  @TempDir Path jars;

  private void compile(String className, String body) throws Exception {
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    String packageName = className.substring(0, className.lastIndexOf('.'));
    Path source = sources.resolve(simpleName + ".java");
    Files.writeString(source, "package " + packageName + "; public class " + simpleName + " { " + body + " }");
    assertEquals(0, ToolProvider.getSystemJavaCompiler()
        .run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString()));
  }

  private ApplicationLayers layers(List<Path> dependencies) {
    return new ApplicationLayers(dependencies, List.of(), List.of(), classes);
  }

  private String resolve(Optional<String> configured, Optional<String> manifest) throws ConfigurationException {
    return MainClassResolver.resolve(configured, manifest, layers(List.of()), BuildLog.silent());
  }

  @Test
  void configuredMainClassWins() throws Exception {
    compile("com.example.App", "public static void main(String[] args) {}");
    compile("com.example.Other", "public static void main(String[] args) {}");
    assertEquals("com.example.Other", resolve(Optional.of("com.example.Other"), Optional.of("com.example.App")));
  }

  @Test
  void manifestMainClassComesSecond() throws Exception {
    compile("com.example.App", "public static void main(String[] args) {}");
    compile("com.example.Manifest", "public static void main(String[] args) {}");
    assertEquals("com.example.Manifest", resolve(Optional.empty(), Optional.of("com.example.Manifest")));
  }

  @Test
  void singleMainClassIsFound() throws Exception {
    compile("com.example.App", "public static void main(String[] args) {}");
    compile("com.example.Helper", "public void run() {}");
    assertEquals("com.example.App", resolve(Optional.empty(), Optional.empty()));
  }

  @Test
  void severalMainClassesAreListed() throws Exception {
    compile("com.example.App", "public static void main(String[] args) {}");
    compile("com.example.Tool", "public static void main(String[] args) {}");
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolve(Optional.empty(), Optional.empty()));
    assertTrue(e.getMessage().contains("com.example.App"), e.getMessage());
    assertTrue(e.getMessage().contains("com.example.Tool"), e.getMessage());
    assertTrue(e.getMessage().contains("<container><mainClass>"), e.getMessage());
  }

  @Test
  void noMainClassIsAnError() throws Exception {
    compile("com.example.Helper", "public void run() {}");
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolve(Optional.empty(), Optional.empty()));
    assertTrue(e.getMessage().startsWith("No class with a main method"), e.getMessage());
  }

  @Test
  void missingConfiguredClassIsAnError() throws Exception {
    compile("com.example.App", "public static void main(String[] args) {}");
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolve(Optional.of("com.example.Nope"), Optional.empty()));
    assertTrue(e.getMessage().contains("'com.example.Nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("<container><mainClass> (ecr.container.mainClass)"), e.getMessage());
  }

  @Test
  void missingManifestClassNamesJarPlugin() throws Exception {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolve(Optional.empty(), Optional.of("com.example.Gone")));
    assertTrue(e.getMessage().contains("maven-jar-plugin"), e.getMessage());
  }

  @Test
  void classSuffixIsAnError() throws Exception {
    compile("com.example.App", "public static void main(String[] args) {}");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> resolve(Optional.of("com.example.App.class"), Optional.empty()));
    assertTrue(e.getMessage().contains("such as com.example.App."), e.getMessage());
  }

  @Test
  void classWithoutMainMethodIsAnError() throws Exception {
    compile("com.example.Helper", "public void run() {}");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> resolve(Optional.of("com.example.Helper"), Optional.empty()));
    assertTrue(e.getMessage().contains("has no public static void main(String[]) method"), e.getMessage());
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_25)
  void instanceMainOfJava25IsAccepted() throws Exception {
    Path source = sources.resolve("Compact.java");
    Files.writeString(source, "package com.example; public class Compact { void main() {} }");
    assertEquals(0, ToolProvider.getSystemJavaCompiler()
        .run(null, null, null, "--release", "25", "-d", classes.toString(), source.toString()));
    assertEquals("com.example.Compact", resolve(Optional.of("com.example.Compact"), Optional.empty()));
  }

  @Test
  void mainClassInDependencyIsAccepted() throws Exception {
    Path jar = jars.resolve("launcher.jar");
    try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("org/launcher/Main.class"));
      zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
      zip.closeEntry();
    }
    assertEquals("org.launcher.Main",
        MainClassResolver.resolve(Optional.of("org.launcher.Main"), Optional.empty(), layers(List.of(jar)),
            BuildLog.silent()));
  }
}
