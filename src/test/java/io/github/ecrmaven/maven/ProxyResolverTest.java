package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.ProxySettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;

class ProxyResolverTest {

  private static Proxy proxy(String id, String protocol, boolean active) {
    Proxy proxy = new Proxy();
    proxy.setId(id);
    proxy.setProtocol(protocol);
    proxy.setActive(active);
    proxy.setHost(id + ".example.com");
    proxy.setPort(3128);
    return proxy;
  }

  @Test
  void settingsPreferActiveHttpsProxy() throws ConfigurationException {
    Settings settings = new Settings();
    settings.addProxy(proxy("plain", "http", true));
    settings.addProxy(proxy("inactive", "https", false));
    Proxy secure = proxy("secure", "https", true);
    secure.setUsername("builder");
    secure.setPassword("s3cret");
    secure.setNonProxyHosts("localhost|*.internal");
    settings.addProxy(secure);

    ProxySettings resolved = ProxyResolver.resolve(settings, null, Map.of("HTTPS_PROXY", "http://env:1")).orElseThrow();

    assertEquals("secure.example.com", resolved.host());
    assertEquals(3128, resolved.port());
    assertEquals(Optional.of("builder"), resolved.username());
    assertEquals(List.of("localhost", "*.internal"), resolved.nonProxyHosts());
    assertFalse(resolved.toString().contains("s3cret"), resolved.toString());
  }

  @Test
  void environmentIsUsedWithoutSettingsProxy() throws ConfigurationException {
    ProxySettings resolved = ProxyResolver.resolve(new Settings(), null,
        Map.of("HTTPS_PROXY", "http://ci%40corp:p%3Ass@proxy.corp:8080", "NO_PROXY", ".corp,internal.example")).orElseThrow();

    assertEquals("proxy.corp", resolved.host());
    assertEquals(8080, resolved.port());
    assertEquals(Optional.of("ci@corp"), resolved.username());
    assertEquals(Optional.of("p:ss"), resolved.password());
    assertEquals(List.of("*.corp", "internal.example", "*.internal.example"), resolved.nonProxyHosts());
  }

  @Test
  void noProxyConfiguredMeansDirect() throws ConfigurationException {
    assertTrue(ProxyResolver.resolve(new Settings(), null, Map.of()).isEmpty());
  }

  @Test
  void invalidProxyUrlHidesItsValue() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> ProxyResolver.fromEnvironment("HTTPS_PROXY", "http://user:pw@bad host:1", null));
    assertTrue(e.getMessage().contains("HTTPS_PROXY"), e.getMessage());
    assertFalse(e.getMessage().contains("pw"), e.getMessage());
  }

  @Test
  void settingsProxyWithoutHostIsRejected() {
    Settings settings = new Settings();
    Proxy broken = proxy("broken", "https", true);
    broken.setHost(null);
    settings.addProxy(broken);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> ProxyResolver.resolve(settings, null, Map.of()));
    assertTrue(e.getMessage().contains("'broken'"), e.getMessage());
  }
}
