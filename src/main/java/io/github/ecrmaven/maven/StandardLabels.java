package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.maven.model.InputLocationTracker;
import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.model.Organization;
import org.apache.maven.model.Scm;
import org.apache.maven.project.MavenProject;

/**
 * Derives the standard OCI image labels ({@code org.opencontainers.image.*}, from the OCI image format
 * specification's annotation keys) from the POM: title, description, version, source, vendor, licenses,
 * created and revision. A label whose source the POM leaves empty is not added.
 */
final class StandardLabels {
  static final String PREFIX = "org.opencontainers.image.";

  /** The short names of the labels, in the order they are added. */
  static final List<String> NAMES =
      List.of("title", "description", "version", "source", "vendor", "licenses", "created", "revision");

  /** The value of {@code <container><skipStandardLabels>} that leaves out every standard label. */
  static final String ALL = "all";

  private StandardLabels() {}

  /**
   * Derives the labels. A value that only a third-party parent POM declares is left out, with an info line
   * that names the label, the parent and the POM element that would set it (see {@link ValueOrigin}).
   *
   * @param created the image creation time, for {@code created}
   * @param revision the source revision, such as a git commit, or empty when it is unknown
   * @param skipped the short names of the labels to leave out
   * @param info receives the info lines about labels left out
   */
  static Map<String, String> derive(
      MavenProject project, Instant created, Optional<String> revision, Set<String> skipped, Consumer<String> info) {
    Model model = project.getModel();
    Map<String, PomValue> values = new LinkedHashMap<>();
    // <name> is not inherited, so the title is always the project's own.
    values.put("title", new PomValue(project.getName() != null ? project.getName() : project.getArtifactId(), null,
        null, null));
    values.put("description", new PomValue(project.getDescription(), model, "description", "<description>"));
    // The version names this build's artifact even when a parent supplies it, as the default tags do.
    values.put("version", new PomValue(project.getVersion(), null, null, null));
    Scm scm = project.getScm();
    values.put("source", new PomValue(scm == null ? null : scm.getUrl(), scm, "url", "<scm><url>"));
    Organization organization = project.getOrganization();
    values.put("vendor", new PomValue(organization == null ? null : organization.getName(), organization, "name",
        "<organization><name>"));
    List<License> licenses = project.getLicenses();
    values.put("licenses", new PomValue(licenses(licenses),
        licenses == null || licenses.isEmpty() ? null : licenses.get(0), "name", "<licenses>"));
    values.put("created", new PomValue(created.toString(), null, null, null));
    values.put("revision", new PomValue(revision.orElse(null), null, null, null));

    Map<String, String> labels = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      if (value.text() == null || value.text().isBlank() || skipped.contains(name)) {
        return;
      }
      Optional<String> thirdParty = value.tracker() == null
          ? Optional.empty()
          : ValueOrigin.thirdPartySource(project, value.tracker(), value.key());
      if (thirdParty.isPresent()) {
        info.accept("Left out the label " + PREFIX + name + ": its value comes from the parent POM "
            + thirdParty.get() + ", which belongs to another organization. Set " + value.element()
            + " in this POM, or the label in <container><labels>, to give the image one.");
        return;
      }
      labels.put(PREFIX + name, value.text().trim());
    });
    return labels;
  }

  /**
   * A label's value and the POM element that declares it.
   *
   * @param tracker the model element that contains the value, or null for a value whose origin is not checked
   * @param key the element name in {@code tracker}
   * @param element the POM element, as a message names it
   */
  private record PomValue(String text, InputLocationTracker tracker, String key, String element) {}

  /**
   * Joins the license names with {@code OR}, because the POM reference says a user may choose any of the
   * listed licenses. The result is an SPDX license expression, as the OCI label expects, when the names
   * are SPDX identifiers such as {@code Apache-2.0}.
   */
  private static String licenses(List<License> licenses) {
    if (licenses == null) {
      return null;
    }
    return licenses.stream()
        .map(License::getName)
        .filter(name -> name != null && !name.isBlank())
        .map(String::trim)
        .collect(Collectors.collectingAndThen(Collectors.joining(" OR "), joined -> joined.isEmpty() ? null : joined));
  }

  /**
   * Parses {@code <container><skipStandardLabels>}: {@code all}, or short names such as {@code created},
   * or full keys such as {@code org.opencontainers.image.created}.
   *
   * @return the short names of the labels to leave out
   * @throws ConfigurationException naming the parameter, the rejected value and the accepted names
   */
  static Set<String> parseSkipped(List<String> values) throws ConfigurationException {
    Set<String> skipped = new LinkedHashSet<>();
    for (String value : values) {
      String name = value.trim();
      if (name.toLowerCase(Locale.ROOT).equals(ALL)) {
        skipped.addAll(NAMES);
        continue;
      }
      if (name.startsWith(PREFIX)) {
        name = name.substring(PREFIX.length());
      }
      if (!NAMES.contains(name)) {
        throw new ConfigurationException(
            "Invalid label '" + value + "' in <container><skipStandardLabels> (ecr.container.skipStandardLabels):"
                + " give all, or some of " + String.join(", ", NAMES) + ".");
      }
      skipped.add(name);
    }
    return skipped;
  }
}
