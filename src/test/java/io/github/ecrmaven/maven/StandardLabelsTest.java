package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.model.InputLocation;
import org.apache.maven.model.InputSource;
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
    Map<String, String> labels = StandardLabels.derive(fullProject(), CREATED, Optional.of(COMMIT), Set.of(), message -> {});

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

    Map<String, String> labels = StandardLabels.derive(new MavenProject(model), Instant.EPOCH, Optional.empty(), Set.of(), message -> {});

    assertEquals(Map.of(
        "org.opencontainers.image.title", "bare",
        "org.opencontainers.image.version", "0.1.0",
        "org.opencontainers.image.created", "1970-01-01T00:00:00Z"), labels);
  }

  @Test
  void deriveLeavesOutSkippedLabels() {
    Map<String, String> labels =
        StandardLabels.derive(fullProject(), CREATED, Optional.of(COMMIT), Set.of("created", "revision", "vendor"), message -> {});

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

  /** Returns a location in the POM with the given model id, as Maven records it for each model value. */
  private static InputLocation declaredIn(String modelId) {
    InputSource source = new InputSource();
    source.setModelId(modelId);
    source.setLocation("/poms/" + modelId.replace(':', '/') + "/pom.xml");
    return new InputLocation(1, 1, source);
  }

  /** Marks description, scm url, organization name and licenses as declared in the given POM. */
  private static MavenProject inheritingFrom(String modelId) {
    MavenProject project = fullProject();
    Model model = project.getModel();
    model.setLocation("description", declaredIn(modelId));
    // A version a third-party parent declares still names the build's artifact.
    model.setLocation("version", declaredIn(modelId));
    model.getScm().setLocation("url", declaredIn(modelId));
    model.getOrganization().setLocation("name", declaredIn(modelId));
    model.getLicenses().forEach(license -> license.setLocation("name", declaredIn(modelId)));
    return project;
  }

  @Test
  void deriveDropsValuesOfThirdPartyParent() {
    List<String> messages = new ArrayList<>();

    Map<String, String> labels = StandardLabels.derive(inheritingFrom(
        "org.springframework.boot:spring-boot-starter-parent:3.5.7"), CREATED, Optional.empty(), Set.of(),
        messages::add);

    assertEquals(Map.of(
        "org.opencontainers.image.title", "Orders service",
        "org.opencontainers.image.version", "1.4.0",
        "org.opencontainers.image.created", "2026-12-04T10:15:30Z"), labels);
    assertEquals(4, messages.size(), messages.toString());
    assertEquals("Left out the label org.opencontainers.image.description: its value comes from the parent POM"
        + " org.springframework.boot:spring-boot-starter-parent:3.5.7, which belongs to another organization."
        + " Set <description> in this POM, or the label in <container><labels>, to give the image one.",
        messages.get(0));
    assertTrue(messages.get(1).contains("image.source"), messages.get(1));
    assertTrue(messages.get(1).contains("Set <scm><url>"), messages.get(1));
    assertTrue(messages.get(2).contains("image.vendor"), messages.get(2));
    assertTrue(messages.get(2).contains("<organization><name>"), messages.get(2));
    assertTrue(messages.get(3).contains("image.licenses"), messages.get(3));
    assertTrue(messages.get(3).contains("Set <licenses>"), messages.get(3));
  }

  @Test
  void deriveKeepsValuesOfOwnOrganizationParent() {
    List<String> messages = new ArrayList<>();

    Map<String, String> labels = StandardLabels.derive(inheritingFrom("com.example.platform:corporate-parent:7"),
        CREATED, Optional.empty(), Set.of(), messages::add);

    assertEquals("Takes orders.", labels.get("org.opencontainers.image.description"));
    assertEquals("https://git.example.com/team/orders-service", labels.get("org.opencontainers.image.source"));
    assertEquals("Example Corp", labels.get("org.opencontainers.image.vendor"));
    assertEquals("Apache-2.0 OR MIT", labels.get("org.opencontainers.image.licenses"));
    assertEquals(List.of(), messages);
  }

  @Test
  void deriveKeepsValuesOfOwnPom() {
    List<String> messages = new ArrayList<>();

    Map<String, String> labels = StandardLabels.derive(inheritingFrom("com.example:orders-service:1.4.0"),
        CREATED, Optional.empty(), Set.of(), messages::add);

    assertEquals("Takes orders.", labels.get("org.opencontainers.image.description"));
    assertEquals(List.of(), messages);
  }

  @Test
  void deriveSkipsNoMessageForSkippedLabel() {
    List<String> messages = new ArrayList<>();

    StandardLabels.derive(inheritingFrom("org.springframework.boot:spring-boot-starter-parent:3.5.7"), CREATED,
        Optional.empty(), Set.of("description", "source", "vendor", "licenses"), messages::add);

    assertEquals(List.of(), messages);
  }

  @Test
  void organizationKeepsOwnerUnderHostingNamespace() {
    assertEquals("com.example", ValueOrigin.organization("com.example.platform"));
    assertEquals("com.example", ValueOrigin.organization("com.example"));
    assertEquals("acme", ValueOrigin.organization("acme"));
    assertEquals("io.github.ecrmaven", ValueOrigin.organization("io.github.ecrmaven.it"));
    assertEquals("io.github.someone", ValueOrigin.organization("io.github.someone"));
  }
}
