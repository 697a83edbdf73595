package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.model.Organization;
import org.apache.maven.model.Scm;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

class StandardLabelsTest {
  private static final Instant CREATED = Instant.parse("2026-12-04T10:15:30Z");
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  private static MavenProject fullProject() {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId("orders-service");
    model.setVersion("1.4.0");
    model.setName("Orders service");
    model.setDescription("Takes orders.");
    Scm scm = new Scm();
    scm.setUrl("https://git.example.com/team/orders-service");
    model.setScm(scm);
    Organization organization = new Organization();
    organization.setName("Example Corp");
    model.setOrganization(organization);
    model.addLicense(license("Apache-2.0"));
    model.addLicense(license("MIT"));
    return new MavenProject(model);
  }

  private static License license(String name) {
    License license = new License();
    license.setName(name);
    return license;
  }

  @Test
  void deriveFillsEveryLabelFromPom() {
    Map<String, String> labels = StandardLabels.derive(fullProject(), CREATED, Optional.of(COMMIT), Set.of());

    assertEquals(Map.of(
        "org.opencontainers.image.title", "Orders service",
        "org.opencontainers.image.description", "Takes orders.",
        "org.opencontainers.image.version", "1.4.0",
        "org.opencontainers.image.source", "https://git.example.com/team/orders-service",
        "org.opencontainers.image.vendor", "Example Corp",
        "org.opencontainers.image.licenses", "Apache-2.0 OR MIT",
        "org.opencontainers.image.created", "2026-12-04T10:15:30Z",
        "org.opencontainers.image.revision", COMMIT), labels);
  }

  @Test
  void deriveLeavesOutWhatPomLacks() {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId("bare");
    model.setVersion("0.1.0");

    Map<String, String> labels = StandardLabels.derive(new MavenProject(model), Instant.EPOCH, Optional.empty(), Set.of());

    assertEquals(Map.of(
        "org.opencontainers.image.title", "bare",
        "org.opencontainers.image.version", "0.1.0",
        "org.opencontainers.image.created", "1970-01-01T00:00:00Z"), labels);
  }

  @Test
  void deriveLeavesOutSkippedLabels() {
    Map<String, String> labels =
        StandardLabels.derive(fullProject(), CREATED, Optional.of(COMMIT), Set.of("created", "revision", "vendor"));

    assertEquals(5, labels.size(), labels.toString());
    assertTrue(labels.containsKey("org.opencontainers.image.title"), labels.toString());
    assertTrue(!labels.containsKey("org.opencontainers.image.created"), labels.toString());
  }

  @Test
  void parseSkippedAcceptsAllShortNamesAndKeys() throws ConfigurationException {
    assertEquals(Set.copyOf(StandardLabels.NAMES), StandardLabels.parseSkipped(List.of("ALL")));
    assertEquals(Set.of("created", "revision"),
        StandardLabels.parseSkipped(List.of("created", "org.opencontainers.image.revision")));
  }

  @Test
  void parseSkippedRejectsUnknownName() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> StandardLabels.parseSkipped(List.of("authors")));
    assertTrue(e.getMessage().contains("'authors' in <container><skipStandardLabels>"
        + " (ecr.container.skipStandardLabels)"), e.getMessage());
    assertTrue(e.getMessage().contains("title, description, version"), e.getMessage());
  }
}
