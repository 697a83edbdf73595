package io.github.ecrmaven.testing;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds a servlet container base image without internet access: the Java base image of
 * {@link BaseImageBuilder}, plus Tomcat's embedded jars in {@code /usr/local/tomcat/lib} and
 * {@link TomcatLauncher}, which the entrypoint starts. A WAR copied into
 * {@code /usr/local/tomcat/webapps/ROOT} is served at {@code /}, as in the official {@code tomcat} images.
 * The jars come from this JVM's class path, where Maven put the {@code tomcat-embed-core} test dependency.
 */
public final class ServletBaseImage {
  /** Tomcat's directory in the image, as in the official images. */
  public static final String CATALINA_HOME = "/usr/local/tomcat";

  private ServletBaseImage() {}

  /**
   * Builds the image and pushes it to a registry.
   *
   * @param imageReference the target, such as {@code localhost:5000/base/tomcat11:11}
   * @param workDir a folder for the cached runtime and Jib's layer caches, shared with the Java base image
   * @return the digest of the pushed image manifest
   */
  public static String pushTo(String imageReference, String username, String password, Path workDir)
      throws IOException, InterruptedException {
    RegistryImage target = RegistryImage.named(parse(imageReference)).addCredential(username, password);
    return BaseImageBuilder.containerize(containerBuilder(workDir), Containerizer.to(target), workDir)
        .getDigest().toString();
  }

  static JibContainerBuilder containerBuilder(Path workDir) throws IOException, InterruptedException {
    FileEntriesLayer.Builder tomcat = FileEntriesLayer.builder().setName("tomcat");
    for (Class<?> type : List.of(org.apache.catalina.startup.Tomcat.class, jakarta.annotation.PostConstruct.class)) {
      Path jar = codeSource(type);
      tomcat.addEntry(jar, AbsoluteUnixPath.get(CATALINA_HOME + "/lib/" + jar.getFileName()));
    }
    String launcherEntry = TomcatLauncher.class.getName().replace('.', '/') + ".class";
    tomcat.addEntry(codeSource(TomcatLauncher.class).resolve(launcherEntry),
        AbsoluteUnixPath.get(CATALINA_HOME + "/launcher/" + launcherEntry));

    return BaseImageBuilder.containerBuilder(workDir)
        .addFileEntriesLayer(tomcat.build())
        .addEnvironmentVariable("CATALINA_HOME", CATALINA_HOME)
        .setEntrypoint("java", "-cp", CATALINA_HOME + "/lib/*:" + CATALINA_HOME + "/launcher",
            TomcatLauncher.class.getName());
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the class path entry of " + type.getName(), e);
    }
  }

  private static ImageReference parse(String imageReference) {
    try {
      return ImageReference.parse(imageReference);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException("Invalid image reference: " + imageReference, e);
    }
  }
}
