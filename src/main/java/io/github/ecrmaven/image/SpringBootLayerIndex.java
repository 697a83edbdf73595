package io.github.ecrmaven.image;

import io.github.ecrmaven.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layer index of a Spring Boot executable jar, {@code BOOT-INF/layers.idx}: layer names in order,
 * each with the jar entries it contains. An entry that ends with {@code /} matches every jar entry below
 * that directory, and any other entry matches the jar entry of that exact name. Spring Boot's Maven plugin writes
 * the index by default since Spring Boot 2.3, with the layers {@code dependencies},
 * {@code spring-boot-loader}, {@code snapshot-dependencies} and {@code application} unless the project
 * configures others.
 *
 * @param layers the layers, from the least to the most often changed
 */
public record SpringBootLayerIndex(List<Layer> layers) {
  /** The index's entry name in the jar. */
  public static final String ENTRY = "BOOT-INF/layers.idx";

  private static final Pattern LAYER_LINE = Pattern.compile("- \"([^\"]+)\":");
  private static final Pattern ENTRY_LINE = Pattern.compile(" {2}- \"([^\"]+)\"");

  /**
   * One layer of the index.
   *
   * @param name the layer name, such as {@code dependencies}
   * @param entries jar entry names and directory prefixes ending with {@code /}
   */
  public record Layer(String name, List<String> entries) {
    public Layer {
      entries = List.copyOf(entries);
    }

    boolean holds(String entryName) {
      for (String entry : entries) {
        if (entry.endsWith("/") ? entryName.startsWith(entry) : entryName.equals(entry)) {
          return true;
        }
      }
      return false;
    }
  }

  public SpringBootLayerIndex {
    layers = List.copyOf(layers);
  }

  /**
   * Parses the text of a layer index.
   *
   * @param source the jar the index comes from, for messages
   * @throws ConfigurationException when a line is neither a layer nor an entry, an entry comes before the
   *     first layer, a layer name repeats, or the index has no layer
   */
  public static SpringBootLayerIndex parse(List<String> lines, String source) throws ConfigurationException {
    List<String> names = new ArrayList<>();
    List<List<String>> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      Matcher layer = LAYER_LINE.matcher(line);
      Matcher entry = ENTRY_LINE.matcher(line);
      if (layer.matches()) {
        if (names.contains(layer.group(1))) {
          throw invalid(source, i, line, "the layer " + layer.group(1) + " is listed twice");
        }
        names.add(layer.group(1));
        entries.add(new ArrayList<>());
      } else if (entry.matches() && !names.isEmpty()) {
        entries.get(entries.size() - 1).add(entry.group(1));
      } else {
        throw invalid(source, i, line, "expected - \"layer\": or, below a layer, an indented - \"entry\"");
      }
    }
    if (names.isEmpty()) {
      throw new ConfigurationException(
          "The Spring Boot layer index " + ENTRY + " in " + source + " lists no layer. Build the jar again with"
              + " the spring-boot-maven-plugin's repackage goal, or turn its layers off.");
    }
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      layers.add(new Layer(names.get(i), entries.get(i)));
    }
    return new SpringBootLayerIndex(layers);
  }

  /** Returns the name of the first layer that contains the jar entry, or empty when none does. */
  public Optional<String> layerOf(String entryName) {
    return layers.stream().filter(layer -> layer.holds(entryName)).map(Layer::name).findFirst();
  }

  /** Returns the layer names in order. */
  public List<String> names() {
    return layers.stream().map(Layer::name).toList();
  }

  private static ConfigurationException invalid(String source, int index, String line, String problem) {
    return new ConfigurationException(
        "Invalid Spring Boot layer index " + ENTRY + " in " + source + " at line " + (index + 1) + " '" + line
            + "': " + problem + ". Build the jar again with the spring-boot-maven-plugin's repackage goal.");
  }
}
