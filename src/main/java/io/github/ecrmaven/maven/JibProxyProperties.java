package io.github.ecrmaven.maven;

import io.github.ecrmaven.aws.ProxySettings;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/**
 * Gives Jib the build's HTTP proxy. Jib Core reads a proxy only from the JVM's proxy system properties,
 * so they are set once per build, and only when the user has set none of them, as jib-maven-plugin
 * does. They then apply to the whole Maven JVM for the rest of the build.
 */
final class JibProxyProperties {
  private static final List<String> PROPERTIES = List.of("https.proxyHost", "http.proxyHost");
  private static boolean applied;

  private JibProxyProperties() {}

  static synchronized void apply(ProxySettings proxy, Log log) {
    if (applied) {
      return;
    }
    applied = true;
    if (PROPERTIES.stream().anyMatch(property -> System.getProperty(property) != null)) {
      log.info("Jib uses the JVM's own proxy properties (https.proxyHost or http.proxyHost is set), not " + proxy);
      return;
    }
    for (String scheme : List.of("https", "http")) {
      System.setProperty(scheme + ".proxyHost", proxy.host());
      System.setProperty(scheme + ".proxyPort", String.valueOf(proxy.port()));
      proxy.username().ifPresent(user -> System.setProperty(scheme + ".proxyUser", user));
      proxy.password().ifPresent(password -> System.setProperty(scheme + ".proxyPassword", password));
    }
    // Java's own default skips the proxy for localhost; an explicit list replaces that default.
    System.setProperty("http.nonProxyHosts", String.join("|", proxy.nonProxyHosts()));
    log.info("Using proxy " + proxy + " for the ECR API and the registry");
  }
}
