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
import java.util.stream.Collectors;
import org.apache.maven.model.License;
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
   * Derives the labels.
   *
   * @param created the image creation time, for {@code created}
   * @param revision the source revision, such as a git commit, or empty when it is unknown
   * @param skipped the short names of the labels to leave out
   */
  static Map<String, String> derive(MavenProject project, Instant created, Optional<String> revision, Set<String> skipped) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("title", project.getName() != null ? project.getName() : project.getArtifactId());
    values.put("description", project.getDescription());
    values.put("version", project.getVersion());
    values.put("source", project.getScm() == null ? null : project.getScm().getUrl());
    values.put("vendor", project.getOrganization() == null ? null : project.getOrganization().getName());
    values.put("licenses", licenses(project.getLicenses()));
    values.put("created", created.toString());
    values.put("revision", revision.orElse(null));

    Map<String, String> labels = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      if (value != null && !value.isBlank() && !skipped.contains(name)) {
        labels.put(PREFIX + name, value.trim());
      }
    });
    return labels;
  }

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
