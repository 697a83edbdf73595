package io.github.ecrmaven.ecr;

/**
 * A setting in which an existing repository differs from the configuration.
 *
 * @param setting the POM element, such as {@code <scanOnPush>}
 * @param configured the configured value
 * @param actual the repository's value
 * @param changeable whether ECR can change the setting in place
 */
record SettingDifference(String setting, String configured, String actual, boolean changeable) {}
