package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"ab", "app", "team/app", "team/sub/my-app", "a.b_c-d/e", "0app/1"})
  void parseAcceptsValidNames(String name) throws ConfigurationException {
    assertEquals(name, RepositoryName.parse(name, "<repository>").value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "My-App", "team//app", "/app", "app/", "-app", "app-", "a..b", "app:1", "app name"})
  void parseRejectsInvalidNames(String name) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> RepositoryName.parse(name, "<repository>"));
    assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("<repository>"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  void parseRejectsMissingName(String name) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> RepositoryName.parse(name, "<repository>"));
    assertTrue(e.getMessage().startsWith("Missing repository name"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void parseRejectsTooLongName() {
    String name = "a".repeat(257);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> RepositoryName.parse(name, "<repository>"));
    assertTrue(e.getMessage().contains("more than 256"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void parseExplainsUppercase() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> RepositoryName.parse("Team/App", "<repository>"));
    assertTrue(e.getMessage().contains("uppercase"), e.getMessage());
  }
}
