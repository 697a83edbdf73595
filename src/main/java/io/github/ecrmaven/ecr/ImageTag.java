package io.github.ecrmaven.ecr;

import io.github.ecrmaven.ConfigurationException;
import java.util.regex.Pattern;

/**
 * An image tag, validated against the OCI distribution rule that registries, ECR included, apply on
 * push: 1 to 128 characters of letters, digits, {@code _}, {@code .} and {@code -}, not starting with
 * {@code .} or {@code -}.
 */
public record ImageTag(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final int MAX_LENGTH = 128;

  /**
   * Parses an image tag.
   *
   * @param value the tag, such as {@code 1.4.0}
   * @param parameter the POM element or property the value came from, for the error message
   * @throws ConfigurationException when the tag breaks the rule; the message repeats the value
   */
  public static ImageTag parse(String value, String parameter) throws ConfigurationException {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(
          "Empty image tag in " + parameter + ": remove the empty entry or give it a value such as 1.0.0.");
    }
    if (!VALID.matcher(value).matches()) {
      throw new ConfigurationException(
          "Invalid image tag '" + value + "' in " + parameter + ": " + findProblem(value) + ". A tag is 1 to"
              + " 128 characters of letters, digits, '_', '.' and '-', and does not start with '.' or '-'.");
    }
    return new ImageTag(value);
  }

  private static String findProblem(String value) {
    if (value.length() > MAX_LENGTH) {
      return "it is " + value.length() + " characters long, more than " + MAX_LENGTH;
    }
    if (value.startsWith(".") || value.startsWith("-")) {
      return "it starts with '" + value.charAt(0) + "'";
    }
    StringBuilder invalid = new StringBuilder();
    value.chars()
        .filter(c -> !(Character.isLetterOrDigit(c) && c < 128) && c != '_' && c != '.' && c != '-')
        .distinct()
        .forEach(c -> invalid.append(invalid.length() == 0 ? "" : " ").append('\'').appendCodePoint(c).append('\''));
    return "it contains " + invalid + ", which tags cannot contain; replace it, for example with '-'";
  }

  @Override
  public String toString() {
    return value;
  }
}
