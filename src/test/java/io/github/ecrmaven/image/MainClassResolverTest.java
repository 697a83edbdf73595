package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.BuildLog;
import io.github.ecrmaven.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainClassResolverTest {
  @TempDir Path sources;
  @TempDir Path classes;

  private void compile(String className, String body) throws Exception {
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    String packageName = className.substring(0, className.lastIndexOf('.'));
    Path source = sources.resolve(simpleName + ".java");
    Files.writeString(source, "package " + packageName + "; public class " + simpleName + " { " + body + " }");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), source.toString()));
    assertEquals(0, compiler.run(null, null, null, arguments.toArray(String[]::new)));
  }

  @Test
  void configuredMainClassWins() throws Exception {
    compile("com.example.App", "public static void main(String[] args) {}");
    assertEquals("com.example.Other",
        MainClassResolver.resolve(Optional.of("com.example.Other"), Optional.of("com.example.Manifest"), classes,
            BuildLog.silent()));
  }

  @Test
  void manifestMainClassComesSecond() throws Exception {
    assertEquals("com.example.Manifest",
        MainClassResolver.resolve(Optional.empty(), Optional.of("com.example.Manifest"), classes, BuildLog.silent()));
  }

  @Test
  void singleMainClassIsFound() throws Exception {
    compile("com.example.App", "public static void main(String[] args) {}");
    compile("com.example.Helper", "public void run() {}");
    assertEquals("com.example.App",
        MainClassResolver.resolve(Optional.empty(), Optional.empty(), classes, BuildLog.silent()));
  }

  @Test
  void severalMainClassesAreListed() throws Exception {
    compile("com.example.App", "public static void main(String[] args) {}");
    compile("com.example.Tool", "public static void main(String[] args) {}");
    ConfigurationException e =
        assertThrows(ConfigurationException.class,
            () -> MainClassResolver.resolve(Optional.empty(), Optional.empty(), classes, BuildLog.silent()));
    assertTrue(e.getMessage().contains("com.example.App"), e.getMessage());
    assertTrue(e.getMessage().contains("com.example.Tool"), e.getMessage());
    assertTrue(e.getMessage().contains("<container><mainClass>"), e.getMessage());
  }

  @Test
  void noMainClassIsAnError() throws Exception {
    compile("com.example.Helper", "public void run() {}");
    ConfigurationException e =
        assertThrows(ConfigurationException.class,
            () -> MainClassResolver.resolve(Optional.empty(), Optional.empty(), classes, BuildLog.silent()));
    assertTrue(e.getMessage().startsWith("No class with a main method"), e.getMessage());
  }
}
