package io.github.ecrmaven.ecr;

import io.github.ecrmaven.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The action for a target repository that does not exist yet. */
public enum RepositoryCreation {
  /** Creates the repository with the configured settings. */
  CREATE("create"),
  /** Fails the build, telling the user how to create the repository. */
  REQUIRE("require"),
  /** Pushes anyway and leaves creation to ECR's create-on-push repository creation templates. */
  ON_PUSH("on-push");

  private final String configValue;

  RepositoryCreation(String configValue) {
    this.configValue = configValue;
  }

  /** Returns the value as it is written in the POM. */
  public String configValue() {
    return configValue;
  }

  /**
   * Parses a {@code <repositoryCreation>} value.
   *
   * @throws ConfigurationException when the value is not one of the supported modes
   */
  public static RepositoryCreation parse(String value) throws ConfigurationException {
    String normalized = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (RepositoryCreation mode : values()) {
      if (mode.configValue.equals(normalized)) {
        return mode;
      }
    }
    throw new ConfigurationException(
        "Invalid <repositoryCreation> (ecr.repositoryCreation) '" + value + "': use one of "
            + Arrays.stream(values()).map(RepositoryCreation::configValue).collect(Collectors.joining(", "))
            + ".");
  }
}
