package io.github.ecrmaven.image;

/** A failure to build or push the image, with a message that names the remedy. */
public class ImageBuildException extends Exception {
  private static final long serialVersionUID = 1L;

  public ImageBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
