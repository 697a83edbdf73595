package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.BaseImageCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseImageCacheParameterTest {
  private final Properties userProperties = new Properties();
  private final Properties projectProperties = new Properties();
  @TempDir Path projectDirectory;

  private Path resolve(String pomValue, Path defaultDirectory) throws ConfigurationException {
    ParameterLookup lookup = new ParameterLookup(userProperties, new Properties(), projectProperties);
    return BaseImageCacheParameter.resolve(lookup, pomValue, projectDirectory, defaultDirectory);
  }

  @Test
  void unsetUsesDefaultDirectory() throws ConfigurationException {
    Path defaultDirectory = projectDirectory.resolve("default-cache");
    assertEquals(defaultDirectory, resolve(null, defaultDirectory));
    assertTrue(Files.isDirectory(defaultDirectory));
  }

  @Test
  void defaultIsJibsOwnLocation() {
    assertTrue(BaseImageCache.DEFAULT_DIRECTORY.endsWith(Path.of("google-cloud-tools-java", "jib")),
        BaseImageCache.DEFAULT_DIRECTORY.toString());
  }

  @Test
  void relativePathIsCreatedBelowProject() throws ConfigurationException {
    Path resolved = resolve("caches/../base-images", projectDirectory.resolve("unused"));
    assertEquals(projectDirectory.resolve("base-images").toAbsolutePath(), resolved);
    assertTrue(Files.isDirectory(resolved));
  }

  @Test
  void propertyOverridesPomValue() throws ConfigurationException {
    Path fromProperty = projectDirectory.resolve("from-property");
    userProperties.setProperty("ecr.baseImageCache", fromProperty.toString());
    assertEquals(fromProperty, resolve("from-pom", projectDirectory.resolve("unused")));
    assertTrue(Files.notExists(projectDirectory.resolve("from-pom")));
  }

  @Test
  void projectPropertyApplies() throws ConfigurationException {
    projectProperties.setProperty("ecr.baseImageCache", "shared-cache");
    assertEquals(projectDirectory.resolve("shared-cache"), resolve(null, projectDirectory.resolve("unused")));
  }

  @Test
  void fileIsRejectedWithParameterAndFix() throws Exception {
    Path file = Files.writeString(projectDirectory.resolve("cache.txt"), "not a directory");
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolve("cache.txt", projectDirectory.resolve("unused")));
    assertEquals("Invalid <baseImageCache> (ecr.baseImageCache) '" + file + "': it is a file, not a directory."
        + " Set <baseImageCache> (ecr.baseImageCache) to a directory, which is created when missing.", e.getMessage());
  }

  @Test
  void uncreatableDirectoryIsRejected() throws Exception {
    Files.writeString(projectDirectory.resolve("blocker"), "a file where a parent directory should be");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> resolve("blocker/cache", projectDirectory.resolve("unused")));
    assertTrue(e.getMessage().startsWith("Invalid <baseImageCache> (ecr.baseImageCache) '"
        + projectDirectory.resolve("blocker/cache") + "': the directory cannot be created"), e.getMessage());
  }

  @Test
  void defaultThatIsFileNamesJibsDefault() throws Exception {
    Path file = Files.writeString(projectDirectory.resolve("jib"), "a file");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(null, file));
    assertTrue(e.getMessage().startsWith("Invalid base image cache '" + file + "' (Jib's default location): it is a file"), e.getMessage());
  }
}
