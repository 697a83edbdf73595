package io.github.ecrmaven.maven;

/** One {@code <extraDirectories><permissions><permission>}: a mode for the container paths a glob matches. */
public class PermissionParameters {
  /**
   * An absolute container path, where {@code *} matches within one path element, {@code **} across
   * elements and {@code ?} one character, such as {@code /opt/app/bin/*}.
   *
   * @since 0.1.0
   */
  String file;

  /**
   * The octal mode, such as {@code 755}.
   *
   * @since 0.1.0
   */
  String mode;

  public PermissionParameters() {}

  PermissionParameters(String file, String mode) {
    this.file = file;
    this.mode = mode;
  }
}
