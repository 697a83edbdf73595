package io.github.ecrmaven.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * Resolves each parameter from, in this order: a {@code -D} property on the command line (or in
 * {@code MAVEN_OPTS}), the POM's plugin configuration, a property of the project (such as one a parent
 * POM sets in {@code <properties>}), and the default.
 *
 * <p>A parameter's property is {@code ecr.} followed by its POM path in dots, so that
 * {@code <container><mainClass>} is {@code ecr.container.mainClass}. Lists are comma-separated
 * ({@code -Decr.to.tags=1.0.0,latest}) and maps are comma-separated {@code key=value} pairs
 * ({@code -Decr.container.environment=A=1,B=2}).
 */
final class ParameterLookup {
  private final Properties userProperties;
  private final Properties systemProperties;
  private final Properties projectProperties;

  ParameterLookup(MavenSession session, MavenProject project) {
    this(session.getUserProperties(), session.getSystemProperties(), project.getProperties());
  }

  ParameterLookup(Properties userProperties, Properties systemProperties, Properties projectProperties) {
    this.userProperties = userProperties;
    this.systemProperties = systemProperties;
    this.projectProperties = projectProperties;
  }

  /** Returns the string value of a parameter, or {@code defaultValue} when nothing sets it. */
  String string(String property, String pomValue, String defaultValue) {
    String override = override(property);
    if (override != null) {
      return override;
    }
    if (pomValue != null) {
      return pomValue;
    }
    String fromProject = projectProperties.getProperty(property);
    return fromProject != null ? fromProject : defaultValue;
  }

  /**
   * Returns a boolean parameter. A property given without a value ({@code -Decr.skip}) is true.
   *
   * @throws IllegalArgumentException when the value is neither true nor false
   */
  boolean bool(String property, Boolean pomValue, boolean defaultValue) {
    String value = string(property, pomValue == null ? null : pomValue.toString(), null);
    if (value == null) {
      return defaultValue;
    }
    String normalized = value.trim().toLowerCase(java.util.Locale.ROOT);
    if (normalized.isEmpty() || normalized.equals("true")) {
      return true;
    }
    if (normalized.equals("false")) {
      return false;
    }
    // Maven itself turns a POM value into a Boolean, so only a property can hold another word.
    throw new IllegalArgumentException(
        "Invalid value '" + value + "' for -D" + property + ": use true or false, or -D" + property
            + " alone for true.");
  }

  /** Returns a list parameter, or {@code defaultValue} when nothing sets it. */
  List<String> list(String property, List<String> pomValue, List<String> defaultValue) {
    String override = override(property);
    if (override != null) {
      return split(override);
    }
    if (pomValue != null && !pomValue.isEmpty()) {
      return pomValue;
    }
    String fromProject = projectProperties.getProperty(property);
    return fromProject != null ? split(fromProject) : defaultValue;
  }

  /**
   * Returns a map parameter, or an empty map when nothing sets it.
   *
   * @throws IllegalArgumentException when a property entry has no {@code =}; the message names the
   *     property and the entry
   */
  Map<String, String> map(String property, Map<String, String> pomValue) {
    String override = override(property);
    if (override == null && (pomValue == null || pomValue.isEmpty())) {
      override = projectProperties.getProperty(property);
    }
    if (override == null) {
      return pomValue == null ? Map.of() : pomValue;
    }
    Map<String, String> entries = new LinkedHashMap<>();
    String previousKey = null;
    for (String entry : split(override)) {
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        String hint = previousKey == null ? "" : commaInValueHint(property, previousKey, entries.get(previousKey), entry);
        throw new IllegalArgumentException(
            "Invalid entry '" + entry + "' in the property " + property + ": write key=value pairs separated"
                + " by commas, such as " + property + "=KEY=value,OTHER=value." + hint);
      }
      previousKey = entry.substring(0, equals).trim();
      entries.put(previousKey, entry.substring(equals + 1).trim());
    }
    return entries;
  }

  /**
   * Explains that the property cannot hold a value with a comma, for an entry without {@code =} that
   * follows the entry {@code previousKey=previousValue}, such as {@code 2} in {@code A=1,2}.
   */
  private static String commaInValueHint(String property, String previousKey, String previousValue, String entry) {
    List<String> elements = List.of(property.substring(property.indexOf('.') + 1).split("\\."));
    StringBuilder pomForm = new StringBuilder();
    elements.forEach(element -> pomForm.append('<').append(element).append('>'));
    pomForm.append('<').append(previousKey).append('>').append(previousValue).append(',').append(entry)
        .append("</").append(previousKey).append('>');
    for (int i = elements.size() - 1; i >= 0; i--) {
      pomForm.append("</").append(elements.get(i)).append('>');
    }
    return " If '" + entry + "' belongs to the value of " + previousKey + ", set it in the POM, such as " + pomForm
        + ", because the property separates entries at every comma.";
  }

  /**
   * Returns a list parameter whose POM elements are objects, or an empty list when nothing sets it. A
   * property gives the list as comma-separated items, each of which {@code parser} turns into an object.
   *
   * @throws IllegalArgumentException when {@code parser} rejects an item
   */
  <T> List<T> objects(String property, List<T> pomValue, Function<String, T> parser) {
    String override = override(property);
    if (override == null && (pomValue == null || pomValue.isEmpty())) {
      override = projectProperties.getProperty(property);
    }
    if (override == null) {
      return pomValue == null ? List.of() : pomValue;
    }
    List<T> items = new ArrayList<>();
    for (String item : split(override)) {
      items.add(parser.apply(item));
    }
    return items;
  }

  private String override(String property) {
    String value = userProperties.getProperty(property);
    return value != null ? value : systemProperties.getProperty(property);
  }

  private static List<String> split(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.trim().isEmpty()) {
        items.add(item.trim());
      }
    }
    return items;
  }
}
