package io.github.ecrmaven.localecr;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error that the local ECR API returns as {@code {"__type": ..., "message": ...}}, plus any
 * modeled members of the error shape, such as {@code kmsError} of {@code KmsException}.
 */
final class EcrApiException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errorType;
  private final Map<String, String> members = new LinkedHashMap<>();

  EcrApiException(int status, String errorType, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorType = errorType;
  }

  /** Creates an error with status 400, the status ECR uses for its modeled exceptions. */
  static EcrApiException badRequest(String errorType, String message) {
    return new EcrApiException(400, errorType, message);
  }

  /** Adds a member of the error shape to the response body and returns this error. */
  EcrApiException withMember(String name, String value) {
    members.put(name, value);
    return this;
  }

  int status() {
    return status;
  }

  String errorType() {
    return errorType;
  }

  Map<String, String> members() {
    return Map.copyOf(members);
  }
}
