package io.github.ecrmaven.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

  @Test
  void nonProxyHostsBecomeRegularExpressions() {
    ProxySettings proxy =
        new ProxySettings("proxy", 3128, Optional.empty(), Optional.empty(), List.of("*.internal", "Host.A"), "test");
    Set<String> patterns = proxy.nonProxyHostPatterns();
    assertEquals(Set.of(".*\\.internal", "host\\.a"), patterns);
    assertTrue("api.internal".matches(".*\\.internal"));
    assertFalse("hostxa".matches("host\\.a"));
  }
}
