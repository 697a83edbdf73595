package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.ProxySettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Finds the HTTP proxy for the build: the active {@code https} (else {@code http}) proxy of Maven's
 * {@code settings.xml}, with its password decrypted through Maven, else {@code HTTPS_PROXY} (else
 * {@code HTTP_PROXY}) and {@code NO_PROXY} from the environment, as curl and the AWS CLI read them.
 */
final class ProxyResolver {
  private ProxyResolver() {}

  static Optional<ProxySettings> resolve(Settings settings, SettingsDecrypter decrypter, Map<String, String> environment)
      throws ConfigurationException {
    Optional<Proxy> proxy = activeProxy(settings, "https").or(() -> activeProxy(settings, "http"));
    if (proxy.isPresent()) {
      return Optional.of(fromSettings(decrypt(proxy.get(), decrypter)));
    }
    for (String variable : List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        String noProxy = Optional.ofNullable(environment.get("NO_PROXY")).orElse(environment.get("no_proxy"));
        return Optional.of(fromEnvironment(variable, value.trim(), noProxy));
      }
    }
    return Optional.empty();
  }

  private static Optional<Proxy> activeProxy(Settings settings, String protocol) {
    if (settings == null) {
      return Optional.empty();
    }
    return settings.getProxies().stream()
        .filter(Proxy::isActive)
        .filter(proxy -> protocol.equalsIgnoreCase(proxy.getProtocol()))
        .findFirst();
  }

  private static Proxy decrypt(Proxy proxy, SettingsDecrypter decrypter) throws ConfigurationException {
    if (decrypter == null || proxy.getPassword() == null) {
      return proxy;
    }
    SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
    for (SettingsProblem problem : result.getProblems()) {
      if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
        throw new ConfigurationException(
            "Failed to decrypt the password of proxy '" + proxy.getId() + "' in settings.xml: " + problem.getMessage()
                + ". Check ~/.m2/settings-security.xml, or give the password unencrypted.");
      }
    }
    return result.getProxy();
  }

  private static ProxySettings fromSettings(Proxy proxy) throws ConfigurationException {
    if (proxy.getHost() == null || proxy.getHost().isBlank()) {
      throw new ConfigurationException(
          "Proxy '" + proxy.getId() + "' in settings.xml has no <host>: add it, or set <active>false</active>.");
    }
    List<String> nonProxyHosts = new ArrayList<>();
    if (proxy.getNonProxyHosts() != null) {
      for (String host : proxy.getNonProxyHosts().split("[|,]")) {
        if (!host.isBlank()) {
          nonProxyHosts.add(host.trim());
        }
      }
    }
    return new ProxySettings(
        proxy.getHost(),
        proxy.getPort(),
        Optional.ofNullable(proxy.getUsername()).filter(user -> !user.isBlank()),
        Optional.ofNullable(proxy.getPassword()).filter(password -> !password.isEmpty()),
        nonProxyHosts,
        "settings.xml proxy '" + proxy.getId() + "'");
  }

  /** Reads a proxy URL such as {@code http://user:password@proxy.example.com:3128}. */
  static ProxySettings fromEnvironment(String variable, String value, String noProxy) throws ConfigurationException {
    URI uri;
    try {
      uri = new URI(value.contains("://") ? value : "http://" + value);
    } catch (URISyntaxException e) {
      throw invalidProxyUrl(variable, value);
    }
    if (uri.getHost() == null) {
      throw invalidProxyUrl(variable, value);
    }
    int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    Optional<String> username = Optional.empty();
    Optional<String> password = Optional.empty();
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      username = Optional.of(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
      password = parts.length > 1 ? Optional.of(URLDecoder.decode(parts[1], StandardCharsets.UTF_8)) : Optional.empty();
    }
    return new ProxySettings(uri.getHost(), port, username, password, noProxyHosts(noProxy), "the " + variable
        + " environment variable");
  }

  /** Converts {@code NO_PROXY} entries, where {@code example.com} also covers its subdomains, to Java's form. */
  static List<String> noProxyHosts(String noProxy) {
    List<String> hosts = new ArrayList<>();
    if (noProxy == null) {
      return hosts;
    }
    for (String entry : noProxy.split(",")) {
      String host = entry.trim();
      if (host.isEmpty()) {
        continue;
      }
      if (host.equals("*")) {
        hosts.add("*");
      } else if (host.startsWith(".")) {
        hosts.add("*" + host);
      } else {
        hosts.add(host);
        hosts.add("*." + host);
      }
    }
    return hosts;
  }

  private static ConfigurationException invalidProxyUrl(String variable, String value) {
    // The value may hold a password, so only its length is shown.
    return new ConfigurationException(
        "Invalid proxy URL in the " + variable + " environment variable (" + value.length() + " characters): give"
            + " it as http://host:port or http://user:password@host:port.");
  }
}
