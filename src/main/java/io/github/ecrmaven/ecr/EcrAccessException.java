package io.github.ecrmaven.ecr;

/** A failed call to the ECR API or registry, with a message that names the remedy. */
public class EcrAccessException extends Exception {
  private static final long serialVersionUID = 1L;

  public EcrAccessException(String message) {
    super(message);
  }

  public EcrAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
