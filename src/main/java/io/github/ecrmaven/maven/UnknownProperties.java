package io.github.ecrmaven.maven;

import io.github.ecrmaven.Spelling;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;

/**
 * Warns about {@code ecr.*} properties that no goal of the plugin reads, such as {@code ecr.scan.wiat},
 * because a misspelled property is otherwise ignored without a word: a scan gate that a typo turned
 * off would pass unnoticed.
 */
final class UnknownProperties {
  private static final String PACKAGE = UnknownProperties.class.getPackageName() + ".";
  /** Warns once per build, not once per module. */
  private static final AtomicBoolean CHECKED = new AtomicBoolean();

  private UnknownProperties() {}

  /** Warns, once per build, about each unknown {@code ecr.*} property among {@code properties}. */
  static void warnOnce(Properties properties, PluginDescriptor plugin, Log log) {
    if (plugin == null || !CHECKED.compareAndSet(false, true)) {
      return;
    }
    Set<String> known = knownProperties(plugin);
    for (String name : new TreeSet<>(properties.stringPropertyNames())) {
      if (name.startsWith("ecr.") && !known.contains(name)) {
        Optional<String> closest = closest(name, known);
        log.warn("No goal of this plugin reads the property " + name
            + closest.map(suggestion -> ": did you mean " + suggestion + "?").orElse(", so it has no effect."));
      }
    }
  }

  /**
   * Returns every property a goal reads: the property of each top-level parameter, {@code ecr.} followed
   * by its name, and {@code ecr.} followed by the POM path of each field of the nested parameter objects,
   * as the shared lookup reads them.
   */
  static Set<String> knownProperties(PluginDescriptor plugin) {
    Set<String> known = new TreeSet<>();
    for (MojoDescriptor mojo : plugin.getMojos()) {
      if (mojo.getParameters() == null) {
        continue;
      }
      for (Parameter parameter : mojo.getParameters()) {
        String expression = parameter.getExpression();
        if (expression != null && expression.startsWith("${ecr.") && expression.endsWith("}")) {
          known.add(expression.substring(2, expression.length() - 1));
        }
        // The shared lookup reads a list or map parameter without a property under ecr.<name>.
        if (parameter.isEditable()) {
          known.add("ecr." + parameter.getName());
        }
        nestedType(parameter.getType()).ifPresent(type -> addFields(known, "ecr." + parameter.getName(), type));
      }
    }
    return known;
  }

  private static void addFields(Set<String> known, String prefix, Class<?> type) {
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
        continue;
      }
      String name = prefix + "." + field.getName();
      known.add(name);
      nestedType(field.getType().getName()).ifPresent(nested -> addFields(known, name, nested));
    }
  }

  /** Returns the class of a parameter object of this plugin, such as {@code ContainerParameters}. */
  private static Optional<Class<?>> nestedType(String typeName) {
    if (typeName == null || !typeName.startsWith(PACKAGE) || !typeName.endsWith("Parameters")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Class.forName(typeName, false, UnknownProperties.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> closest(String name, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      int distance = Spelling.distance(name, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }
}
