package io.github.ecrmaven.publish;

/** A publication that failed at run time: an AWS call, the build, the push or the verification. */
public class PublishException extends Exception {
  private static final long serialVersionUID = 1L;

  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
