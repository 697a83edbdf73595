package io.github.ecrmaven.examples.hello;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.apache.commons.lang3.StringUtils;

/**
 * The greeting of the service, read from {@code greeting.json} and {@code hello-service.properties}
 * on the class path.
 *
 * @param name the artifact ID of the service
 * @param version the version of the service
 * @param message the greeting text
 * @param audience the groups that the greeting addresses
 */
public record Greeting(String name, String version, String message, List<String> audience) {

  /** The JSON form of {@code greeting.json}. */
  record Resource(String message, List<String> audience) {}

  /** Reads the greeting from the class path. */
  public static Greeting load(ObjectMapper json) {
    Properties service = new Properties();
    try (InputStream properties = open("hello-service.properties");
        InputStream greeting = open("greeting.json")) {
      service.load(properties);
      Resource resource = json.readValue(greeting, Resource.class);
      return new Greeting(
          service.getProperty("name"), service.getProperty("version"), resource.message(), resource.audience());
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read the greeting resources", e);
    }
  }

  /** Returns the line that the service prints, such as {@code hello-service 1.0.0: Hello ...}. */
  public String line() {
    return name + " " + version + ": " + StringUtils.capitalize(message)
        + " to " + String.join(", ", audience) + ".";
  }

  private static InputStream open(String resource) throws IOException {
    InputStream input = Greeting.class.getClassLoader().getResourceAsStream(resource);
    if (input == null) {
      throw new IOException("Resource not found on the class path: " + resource);
    }
    return input;
  }
}
