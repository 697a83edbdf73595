package io.github.ecrmaven.localecr;

/** An error that the local ECR API returns as {@code {"__type": ..., "message": ...}}. */
final class EcrApiException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errorType;

  EcrApiException(int status, String errorType, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorType = errorType;
  }

  /** Creates an error with status 400, the status ECR uses for its modeled exceptions. */
  static EcrApiException badRequest(String errorType, String message) {
    return new EcrApiException(400, errorType, message);
  }

  int status() {
    return status;
  }

  String errorType() {
    return errorType;
  }
}
