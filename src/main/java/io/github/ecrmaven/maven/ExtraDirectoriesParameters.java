package io.github.ecrmaven.maven;

import java.util.List;

/** The {@code <extraDirectories>} parameter: directories copied into the image, and their modes. */
public class ExtraDirectoriesParameters {
  /**
   * The directories to copy, each as {@code <path><from>src/main/container</from><into>/opt/app</into></path>}
   * or as {@code <path>src/main/container</path>}, which copies into {@code /} (property
   * {@code ecr.extraDirectories.paths}, comma-separated {@code from} or {@code from=into} items).
   * {@code from} is relative to the project directory. Default: none.
   *
   * @since 0.1.0
   */
  List<ExtraDirectoryParameters> paths;

  /**
   * Modes for container paths, each as
   * {@code <permission><file>/opt/app/bin/*</file><mode>755</mode></permission>} (property
   * {@code ecr.extraDirectories.permissions}, as {@code /opt/app/bin/*=755,...}). In {@code file},
   * {@code *} matches within one path element, {@code **} across elements and {@code ?} one character;
   * the last matching entry wins. Modes are three octal digits.
   *
   * @since 0.1.0
   */
  List<PermissionParameters> permissions;

  /**
   * The octal mode of copied files that no permission matches (property
   * {@code ecr.extraDirectories.fileMode}). Default: {@code 644}.
   *
   * @since 0.1.0
   */
  String fileMode;

  /**
   * The octal mode of copied directories that no permission matches (property
   * {@code ecr.extraDirectories.directoryMode}). Default: {@code 755}.
   *
   * @since 0.1.0
   */
  String directoryMode;
}
