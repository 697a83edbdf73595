package io.github.ecrmaven.ecr;

import io.github.ecrmaven.ConfigurationException;
import java.util.regex.Pattern;

/**
 * An ECR repository name, validated against the rules of the {@code CreateRepository} API: 2 to 256
 * characters, lowercase letters and digits in components separated by {@code /}, with single
 * {@code .}, {@code _} or {@code -} separators inside a component.
 */
public record RepositoryName(String value) {
  private static final String SEPARATORS = "._-/";
  private static final Pattern SEPARATOR_RUN = Pattern.compile("[._/-]{2,}");
  private static final Pattern VALID =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
  static final int MIN_LENGTH = 2;
  static final int MAX_LENGTH = 256;

  /**
   * Parses a repository name.
   *
   * @param value the name, such as {@code team/app}
   * @param parameter the POM element or property the value came from, for the error message
   * @throws ConfigurationException when the name breaks ECR's rules; the message names the broken rule
   */
  public static RepositoryName parse(String value, String parameter) throws ConfigurationException {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(
          "Missing repository name: set " + parameter + " to the ECR repository to push to, such as team/app.");
    }
    String problem = findProblem(value);
    if (problem != null) {
      throw new ConfigurationException(
          "Invalid ECR repository name '" + value + "' in " + parameter + ": " + problem
              + ". ECR repository names are 2 to 256 characters of lowercase letters, digits and the"
              + " separators '.', '_', '-' and '/', and each part between slashes starts and ends with a"
              + " letter or digit, such as team/my-app.");
    }
    return new RepositoryName(value);
  }

  private static String findProblem(String value) {
    if (value.length() < MIN_LENGTH) {
      return "it is shorter than " + MIN_LENGTH + " characters";
    }
    if (value.length() > MAX_LENGTH) {
      return "it is " + value.length() + " characters long, more than " + MAX_LENGTH;
    }
    if (!value.equals(value.toLowerCase(java.util.Locale.ROOT))) {
      return "it contains uppercase letters";
    }
    StringBuilder invalid = new StringBuilder();
    value.chars()
        .filter(c -> !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && SEPARATORS.indexOf(c) < 0)
        .distinct()
        .forEach(c -> invalid.append(invalid.isEmpty() ? "" : " ").append('\'').appendCodePoint(c).append('\''));
    if (!invalid.isEmpty()) {
      return "it contains " + invalid + ", which repository names cannot contain";
    }
    java.util.regex.Matcher doubled = SEPARATOR_RUN.matcher(value);
    if (doubled.find()) {
      return "it has the separators '" + doubled.group() + "' in a row";
    }
    for (String part : value.split("/", -1)) {
      if (part.isEmpty() || SEPARATORS.indexOf(part.charAt(0)) >= 0
          || SEPARATORS.indexOf(part.charAt(part.length() - 1)) >= 0) {
        return part.isEmpty() ? "it starts or ends with '/'" : "its part '" + part + "' starts or ends with a separator";
      }
    }
    if (!VALID.matcher(value).matches()) {
      return "it breaks ECR's repository name pattern";
    }
    return null;
  }

  @Override
  public String toString() {
    return value;
  }
}
