package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageTagTest {

  @ParameterizedTest
  @ValueSource(strings = {"1.0.0", "1.0-SNAPSHOT", "latest", "_x", "A-b.C_d"})
  void parseAcceptsValidTags(String tag) throws ConfigurationException {
    assertEquals(tag, ImageTag.parse(tag, "<to><tags>").value());
  }

  @ParameterizedTest
  @ValueSource(strings = {".hidden", "-dash", "1.0+build", "a/b", "a:b", "sha256@x"})
  void parseRejectsInvalidTags(String tag) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> ImageTag.parse(tag, "<to><tags>"));
    assertTrue(e.getMessage().contains("'" + tag + "'"), e.getMessage());
  }

  @Test
  void parseRejectsTagLongerThan128() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> ImageTag.parse("a".repeat(129), "<to><tags>"));
    assertTrue(e.getMessage().contains("129 characters long"), e.getMessage());
  }

  @Test
  void parseNamesInvalidCharacter() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> ImageTag.parse("1.0+b", "<to><tags>"));
    assertTrue(e.getMessage().contains("it contains '+'"), e.getMessage());
  }

  @Test
  void parseNamesInvalidStart() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> ImageTag.parse("-x", "<to><tags>"));
    assertTrue(e.getMessage().contains("it starts with '-'"), e.getMessage());
  }

  @Test
  void parseAcceptsTagOf128() throws ConfigurationException {
    assertEquals(128, ImageTag.parse("a".repeat(128), "<to><tags>").value().length());
  }
}
