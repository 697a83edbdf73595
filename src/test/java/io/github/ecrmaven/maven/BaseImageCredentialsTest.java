package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.RegistryAccess;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;

class BaseImageCredentialsTest {

  private static Settings settingsWithServer(String id) {
    Server server = new Server();
    server.setId(id);
    server.setUsername("reader");
    server.setPassword("registry-secret");
    Settings settings = new Settings();
    settings.addServer(server);
    return settings;
  }

  @Test
  void serverNamedAfterRegistryGivesCredential() throws ConfigurationException {
    RegistryAccess access = BaseImageCredentials.access(
        "registry.example.com:5000/base/java:17", settingsWithServer("registry.example.com:5000"), null);
    assertEquals(Optional.of("reader"), access.username());
    assertEquals(Optional.of("registry-secret"), access.password());
  }

  @Test
  void otherRegistryIsAnonymous() throws ConfigurationException {
    RegistryAccess access =
        BaseImageCredentials.access("eclipse-temurin:17-jre", settingsWithServer("registry.example.com"), null);
    assertTrue(access.username().isEmpty());
  }

  @Test
  void invalidReferenceIsNamed() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> BaseImageCredentials.access("Not A Reference", new Settings(), null));
    assertTrue(e.getMessage().contains("<from><image> (ecr.from.image) 'Not A Reference'"), e.getMessage());
  }
}
