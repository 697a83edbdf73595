package io.github.ecrmaven.maven;

/** One {@code <extraDirectories><paths><path>}: a project directory and where its contents go in the image. */
public class ExtraDirectoryParameters {
  /**
   * The directory to copy, relative to the project directory or absolute.
   *
   * @since 0.1.0
   */
  String from;

  /**
   * The absolute container path that receives the directory's contents. Default: {@code /}.
   *
   * @since 0.1.0
   */
  String into;

  public ExtraDirectoryParameters() {}

  ExtraDirectoryParameters(String from, String into) {
    this.from = from;
    this.into = into;
  }

  /** Sets {@code from} when the POM gives the path as text alone, {@code <path>src/main/container</path>}. */
  public void set(String from) {
    this.from = from;
  }
}
