package io.github.ecrmaven.aws;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * An HTTP proxy for the ECR API and the registry, from Maven's {@code settings.xml} or the
 * {@code HTTPS_PROXY} environment variable. {@link #toString()} hides the password.
 *
 * @param host the proxy host
 * @param port the proxy port
 * @param username the user name for Basic proxy authentication, or empty
 * @param password the password for Basic proxy authentication, or empty
 * @param nonProxyHosts hosts reached directly, in Java's form: exact names or {@code *} wildcards such as
 *     {@code *.internal}
 * @param source where the proxy is configured, for log lines
 */
public record ProxySettings(
    String host, int port, Optional<String> username, Optional<String> password, List<String> nonProxyHosts,
    String source) {

  public ProxySettings {
    nonProxyHosts = List.copyOf(nonProxyHosts);
  }

  /** Returns the AWS SDK's proxy configuration, which ignores the SDK's own system property and environment lookup. */
  ProxyConfiguration toSdkConfiguration() {
    ProxyConfiguration.Builder builder =
        ProxyConfiguration.builder()
            .endpoint(URI.create("http://" + host + ":" + port))
            .nonProxyHosts(nonProxyHostPatterns())
            .useSystemPropertyValues(false)
            .useEnvironmentVariableValues(false);
    username.ifPresent(builder::username);
    password.ifPresent(builder::password);
    return builder.build();
  }

  /** Converts the Java-style host list into the regular expressions the AWS SDK matches hosts against. */
  Set<String> nonProxyHostPatterns() {
    return nonProxyHosts.stream()
        .map(host -> host.toLowerCase(java.util.Locale.ROOT).replace(".", "\\.").replace("*", ".*"))
        .collect(Collectors.toSet());
  }

  @Override
  public String toString() {
    return host + ":" + port + username.map(user -> " as " + user).orElse("") + " from " + source;
  }
}
