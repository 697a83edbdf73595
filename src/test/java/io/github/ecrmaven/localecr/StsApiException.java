package io.github.ecrmaven.localecr;

/**
 * An error, caused by the request, that the local STS returns in the AWS Query error format,
 * {@code <ErrorResponse><Error><Type>Sender</Type><Code>...</Code><Message>...</Message></Error>}.
 */
final class StsApiException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  StsApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** Creates the 403 {@code AccessDenied} error that STS returns when IAM rejects a call. */
  static StsApiException accessDenied(String message) {
    return new StsApiException(403, "AccessDenied", message);
  }

  /** Creates the 400 {@code ValidationError} that STS returns for an invalid parameter. */
  static StsApiException validationError(String message) {
    return new StsApiException(400, "ValidationError", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
