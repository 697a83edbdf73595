package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.ApplicationForm;
import io.github.ecrmaven.image.ApplicationLayers;
import io.github.ecrmaven.image.ContainerSettings;
import io.github.ecrmaven.image.ExtraDirectories;
import io.github.ecrmaven.image.ExtraDirectories.ExtraDirectory;
import io.github.ecrmaven.image.ExtraDirectories.PermissionRule;
import io.github.ecrmaven.image.ExtraFilesReadability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * Resolves the files of the image that {@code ecr:push} and {@code ecr:build} share: the class path, with
 * {@code <includeOptionalDependencies>}, and {@code <extraDirectories>}.
 */
final class LayerParameters {
  private LayerParameters() {}

  /**
   * Sorts the project's runtime class path into layers, unless the application's form carries its own
   * dependencies (a Spring Boot jar, a WAR), and adds the form and the extra directories.
   *
   * @throws ConfigurationException naming the parameter and the rejected value
   */
  static ApplicationLayers layers(
      ParameterLookup lookup,
      MavenProject project,
      List<MavenProject> reactorProjects,
      Boolean includeOptionalDependencies,
      ExtraDirectoriesParameters extraDirectories,
      ApplicationForm form,
      Log log)
      throws ConfigurationException {
    boolean includeOptional =
        AbstractEcrMojo.booleanValue(lookup, "ecr.includeOptionalDependencies", includeOptionalDependencies);
    ExtraDirectories extra = extraDirectories(lookup, extraDirectories, project.getBasedir().toPath());
    warnIfModesWithoutPaths(lookup, extraDirectories, extra, log);
    warnIfPermissionsMatchNothing(extra, log);
    Path outputDirectory = Path.of(project.getBuild().getOutputDirectory());
    Optional<String> ownClassPath = packagedClassPath(form);
    if (ownClassPath.isPresent() && includeOptional) {
      log.warn("<includeOptionalDependencies> (ecr.includeOptionalDependencies) is true but has no effect: the class"
          + " path of " + ownClassPath.get() + ". To change what the image gets, change what that plugin packages, or"
          + " remove the setting.");
    }
    ApplicationLayers layers = ownClassPath.isPresent()
        ? new ApplicationLayers(List.of(), List.of(), List.of(), outputDirectory)
        : ProjectInputs.layers(project, reactorProjects, new ClassPathFilter(includeOptional), log);
    return layers.withExtraDirectories(extra).withForm(form);
  }

  /**
   * Describes where the class path of an application that brings its own dependencies comes from, for
   * messages, or returns empty when the project's dependencies give it.
   */
  private static Optional<String> packagedClassPath(ApplicationForm form) {
    if (form instanceof ApplicationForm.SpringBootExecutableJar) {
      return Optional.of("a Spring Boot executable jar is the jar's own BOOT-INF/lib, which the spring-boot-maven-plugin"
          + " filled when it repackaged the jar. The exploded mode (<containerizingMode>exploded</containerizingMode>)"
          + " takes the class path from the project's dependencies and applies the setting");
    }
    if (form instanceof ApplicationForm.ExplodedWar) {
      return Optional.of("a WAR is its own WEB-INF/lib, which the maven-war-plugin filled");
    }
    return Optional.empty();
  }

  /**
   * Warns when {@code <extraDirectories>} sets modes but no directory to copy, because the modes then apply
   * to nothing.
   */
  private static void warnIfModesWithoutPaths(
      ParameterLookup lookup, ExtraDirectoriesParameters extraDirectories, ExtraDirectories resolved, Log log) {
    if (!resolved.paths().isEmpty()) {
      return;
    }
    ExtraDirectoriesParameters parameters =
        extraDirectories == null ? new ExtraDirectoriesParameters() : extraDirectories;
    List<String> unused = new ArrayList<>();
    if (!resolved.permissions().isEmpty()) {
      unused.add("<extraDirectories><permissions> (ecr.extraDirectories.permissions)");
    }
    if (lookup.string("ecr.extraDirectories.fileMode", parameters.fileMode, null) != null) {
      unused.add("<extraDirectories><fileMode> (ecr.extraDirectories.fileMode)");
    }
    if (lookup.string("ecr.extraDirectories.directoryMode", parameters.directoryMode, null) != null) {
      unused.add("<extraDirectories><directoryMode> (ecr.extraDirectories.directoryMode)");
    }
    if (!unused.isEmpty()) {
      log.warn(String.join(" and ", unused) + (unused.size() == 1 ? " has" : " have") + " no effect:"
          + " <extraDirectories><paths> (ecr.extraDirectories.paths) names no directory, so no file is copied into"
          + " the image. Add the directories to copy to <paths>, or remove the modes.");
    }
  }

  /**
   * Warns for each {@code <permission>} whose {@code <file>} matches no path of the extra files layer, which
   * is most often a typo in the path.
   */
  private static void warnIfPermissionsMatchNothing(ExtraDirectories extra, Log log) {
    if (extra.paths().isEmpty()) {
      // warnIfModesWithoutPaths covers this case with one warning.
      return;
    }
    List<String> unmatched;
    try {
      unmatched = extra.unmatchedPermissions();
    } catch (IOException e) {
      // The validation has read every extra directory, so this only happens when one changes meanwhile.
      log.debug("Failed to match the permissions against the extra directories: " + e);
      return;
    }
    String intoDirectories = extra.paths().stream().map(ExtraDirectory::into).distinct()
        .collect(Collectors.joining(", "));
    for (String glob : unmatched) {
      log.warn("<extraDirectories><permissions><permission><file> (ecr.extraDirectories.permissions) '" + glob
          + "' matches no file or directory that the extra directories copy into " + intoDirectories + ", so its"
          + " mode applies to nothing. Check the path for a typo: it is a path in the container, below <into>.");
    }
  }

  /**
   * Warns when {@code <container><user>} names a user other than root that cannot read some of the extra
   * files, which the layer gives owner root.
   */
  static void warnIfExtraFilesUnreadable(ApplicationLayers layers, ContainerSettings container, Log log) {
    try {
      ExtraFilesReadability.warning(layers.extraDirectories(), container.user()).ifPresent(log::warn);
    } catch (IOException e) {
      // The validation has read every extra directory, so this only happens when one changes meanwhile.
      log.debug("Failed to check the modes of the extra files for <container><user>: " + e);
    }
  }

  /**
   * Resolves and validates {@code <extraDirectories>}, with each {@code from} relative to
   * {@code projectDirectory}.
   *
   * @throws ConfigurationException naming the parameter and the rejected value
   */
  static ExtraDirectories extraDirectories(
      ParameterLookup lookup, ExtraDirectoriesParameters extraDirectories, Path projectDirectory)
      throws ConfigurationException {
    ExtraDirectoriesParameters parameters =
        extraDirectories == null ? new ExtraDirectoriesParameters() : extraDirectories;
    try {
      List<ExtraDirectory> paths = new ArrayList<>();
      for (ExtraDirectoryParameters path :
          lookup.objects("ecr.extraDirectories.paths", parameters.paths, LayerParameters::parsePath)) {
        paths.add(extraDirectory(path, projectDirectory));
      }
      List<PermissionRule> permissions = new ArrayList<>();
      for (PermissionParameters permission :
          lookup.objects("ecr.extraDirectories.permissions", parameters.permissions, LayerParameters::parsePermission)) {
        permissions.add(permissionRule(permission));
      }
      return new ExtraDirectories(
              paths,
              permissions,
              lookup.string("ecr.extraDirectories.fileMode", parameters.fileMode, ExtraDirectories.DEFAULT_FILE_MODE)
                  .trim(),
              lookup.string("ecr.extraDirectories.directoryMode", parameters.directoryMode,
                  ExtraDirectories.DEFAULT_DIRECTORY_MODE).trim())
          .validate();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  private static ExtraDirectory extraDirectory(ExtraDirectoryParameters path, Path projectDirectory)
      throws ConfigurationException {
    if (path == null || path.from == null || path.from.isBlank()) {
      throw new ConfigurationException(
          "Missing <from> in <extraDirectories><paths><path> (ecr.extraDirectories.paths): name the directory to"
              + " copy, relative to the project directory, such as <from>src/main/container</from>.");
    }
    String into = path.into == null || path.into.isBlank() ? "/" : path.into.trim();
    return new ExtraDirectory(projectDirectory.resolve(path.from.trim()).normalize(), into);
  }

  private static PermissionRule permissionRule(PermissionParameters permission) throws ConfigurationException {
    if (permission == null || permission.file == null || permission.file.isBlank()) {
      throw new ConfigurationException(
          "Missing <file> in <extraDirectories><permissions><permission> (ecr.extraDirectories.permissions)"
              + (permission == null || permission.mode == null ? "" : " with <mode>" + permission.mode + "</mode>")
              + ": name the container path the mode applies to, such as <file>/opt/app/bin/*</file>.");
    }
    if (permission.mode == null || permission.mode.isBlank()) {
      throw new ConfigurationException(
          "Missing <mode> in <extraDirectories><permissions><permission> (ecr.extraDirectories.permissions) for '"
              + permission.file.trim() + "': give three octal digits for the owner, group and others, such as"
              + " <mode>755</mode>.");
    }
    return new PermissionRule(permission.file.trim(), permission.mode.trim());
  }

  /** Parses one item of {@code ecr.extraDirectories.paths}: {@code from} or {@code from=into}. */
  private static ExtraDirectoryParameters parsePath(String item) {
    int equals = item.indexOf('=');
    return equals < 0
        ? new ExtraDirectoryParameters(item, null)
        : new ExtraDirectoryParameters(item.substring(0, equals).trim(), item.substring(equals + 1).trim());
  }

  /** Parses one item of {@code ecr.extraDirectories.permissions}: {@code glob=mode}. */
  private static PermissionParameters parsePermission(String item) {
    int equals = item.lastIndexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException(
          "Invalid entry '" + item + "' in the property ecr.extraDirectories.permissions: write path=mode pairs"
              + " separated by commas, such as ecr.extraDirectories.permissions=/opt/app/bin/*=755.");
    }
    return new PermissionParameters(item.substring(0, equals).trim(), item.substring(equals + 1).trim());
  }
}
