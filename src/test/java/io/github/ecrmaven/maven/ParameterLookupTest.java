package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ParameterLookupTest {
  private final Properties user = new Properties();
  private final Properties system = new Properties();
  private final Properties project = new Properties();
  private final ParameterLookup lookup = new ParameterLookup(user, system, project);

  @Test
  void userPropertyOverridesPomValue() {
    user.setProperty("ecr.container.mainClass", "com.example.Cli");
    assertEquals("com.example.Cli", lookup.string("ecr.container.mainClass", "com.example.Pom", null));
  }

  @Test
  void systemPropertyOverridesPomValue() {
    system.setProperty("ecr.region", "us-east-2");
    assertEquals("us-east-2", lookup.string("ecr.region", "eu-west-1", null));
  }

  @Test
  void pomValueOverridesProjectProperty() {
    project.setProperty("ecr.from.image", "parent/base:1");
    assertEquals("pom/base:2", lookup.string("ecr.from.image", "pom/base:2", null));
  }

  @Test
  void projectPropertyOverridesDefault() {
    project.setProperty("ecr.from.image", "parent/base:1");
    assertEquals("parent/base:1", lookup.string("ecr.from.image", null, "default"));
  }

  @Test
  void defaultAppliesWhenNothingIsSet() {
    assertEquals("default", lookup.string("ecr.from.image", null, "default"));
  }

  @Test
  void listPropertyIsCommaSeparated() {
    user.setProperty("ecr.to.tags", "1.0.0, latest,,");
    assertEquals(List.of("1.0.0", "latest"), lookup.list("ecr.to.tags", List.of("pom"), List.of("default")));
  }

  @Test
  void listFallsBackToDefault() {
    assertEquals(List.of("1.0"), lookup.list("ecr.to.tags", null, List.of("1.0")));
  }

  @Test
  void mapPropertyIsKeyValuePairs() {
    user.setProperty("ecr.container.environment", "A=1,B=x=y");
    assertEquals(Map.of("A", "1", "B", "x=y"), lookup.map("ecr.container.environment", Map.of("C", "3")));
  }

  @Test
  void mapPropertyRejectsEntryWithoutEquals() {
    user.setProperty("ecr.container.labels", "team");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lookup.map("ecr.container.labels", null));
    assertTrue(e.getMessage().contains("'team'"), e.getMessage());
  }

  @Test
  void mapPropertyExplainsCommaInValue() {
    user.setProperty("ecr.container.environment", "A=1,2");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lookup.map("ecr.container.environment", null));
    assertTrue(e.getMessage().startsWith("Invalid entry '2' in the property ecr.container.environment"), e.getMessage());
    assertTrue(e.getMessage().endsWith(" If '2' belongs to the value of A, set it in the POM, such as"
        + " <container><environment><A>1,2</A></environment></container>, because the property separates entries"
        + " at every comma."), e.getMessage());
  }

  @Test
  void mapPropertyLoneEntryOmitsCommaHint() {
    user.setProperty("ecr.container.labels", "team");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lookup.map("ecr.container.labels", null));
    assertFalse(e.getMessage().contains("belongs to the value"), e.getMessage());
  }

  @Test
  void boolPropertyWithoutValueIsTrue() {
    user.setProperty("ecr.skip", "");
    assertTrue(lookup.bool("ecr.skip", false, false));
  }

  @Test
  void boolPropertyOverridesPomTrue() {
    user.setProperty("ecr.skip", "false");
    assertFalse(lookup.bool("ecr.skip", true, false));
  }

  @Test
  void boolRejectsOtherWords() {
    user.setProperty("ecr.skip", "yes");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lookup.bool("ecr.skip", null, false));
    assertTrue(e.getMessage().contains("'yes'"), e.getMessage());
  }
}
