package io.github.ecrmaven.localecr;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks the SigV4 {@code Authorization} header of an API request as AWS does: a known access
 * key ID, the session token that belongs to it (temporary credentials only), a credential scope
 * for the expected region and service, and a signature that the SDK's own signer reproduces from
 * the signed headers, the body and {@code X-Amz-Date}.
 *
 * <p>Errors carry the AWS JSON protocol's error types, as ECR returns them; the local STS maps
 * them to the Query protocol's codes.
 */
final class SigV4Verifier {

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request"
              + "\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");
  /** How far X-Amz-Date may be from the server's clock before the request is rejected. */
  private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final Principals principals;
  private final String region;
  private final String service;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  SigV4Verifier(Principals principals, String region, String service) {
    this.principals = principals;
    this.region = region;
    this.service = service;
  }

  /**
   * Verifies the request's signature and returns the credentials that signed it.
   *
   * @param headers the request headers, with names in any case
   * @throws EcrApiException with status 403 and AWS's error type when the request is rejected
   */
  CallerCredentials verify(String method, URI uri, Map<String, List<String>> headers, byte[] body)
      throws EcrApiException {
    Map<String, List<String>> lowerCaseHeaders = new HashMap<>();
    headers.forEach((name, values) -> lowerCaseHeaders.put(name.toLowerCase(Locale.ROOT), values));

    String authorization = first(lowerCaseHeaders, "authorization");
    if (authorization == null) {
      throw forbidden(
          "MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    Matcher matcher = AUTHORIZATION.matcher(authorization);
    if (!matcher.matches()) {
      throw forbidden(
          "IncompleteSignatureException",
          "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' "
              + "parameters, and only the AWS4-HMAC-SHA256 algorithm is supported. "
              + "Authorization=" + authorization);
    }
    String requestKeyId = matcher.group(1);
    String scopeDate = matcher.group(2);
    String scopeRegion = matcher.group(3);
    String scopeService = matcher.group(4);
    String signedHeaders = matcher.group(5);

    CallerCredentials credentials =
        principals.credentials(requestKeyId).orElseThrow(SigV4Verifier::invalidToken);
    // Rejects a missing or wrong session token, and any session token on long-term credentials.
    if (!Objects.equals(credentials.sessionToken(),
        first(lowerCaseHeaders, "x-amz-security-token"))) {
      throw invalidToken();
    }
    if (!region.equals(scopeRegion)) {
      throw forbidden(
          "InvalidSignatureException",
          "Credential should be scoped to a valid region. This endpoint serves '"
              + region + "', not '" + scopeRegion + "'.");
    }
    if (!service.equals(scopeService)) {
      throw forbidden(
          "InvalidSignatureException",
          "Credential should be scoped to correct service: '" + service + "'.");
    }
    Instant signingTime = parseAmzDate(first(lowerCaseHeaders, "x-amz-date"));
    if (!AMZ_DATE.format(signingTime.atOffset(ZoneOffset.UTC)).startsWith(scopeDate)) {
      throw forbidden(
          "InvalidSignatureException",
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
              + "from HTTP: '" + scopeDate + "'.");
    }

    Instant now = Instant.now();
    if (credentials.expiration() != null && !now.isBefore(credentials.expiration())) {
      throw forbidden(
          "ExpiredTokenException", "The security token included in the request is expired");
    }
    if (Duration.between(signingTime, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
      throw forbidden(
          "InvalidSignatureException",
          "Signature expired: X-Amz-Date " + first(lowerCaseHeaders, "x-amz-date")
              + " is more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes from the server time "
              + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)) + ".");
    }

    String expected = expectedSignature(
        method, uri, lowerCaseHeaders, signedHeaders, signingTime, body, credentials);
    if (!matcher.group(6).equals(expected)) {
      throw forbidden(
          "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided. "
              + "Check your AWS Secret Access Key and signing method. "
              + "Consult the service documentation for details.");
    }
    return credentials;
  }

  private String expectedSignature(
      String method,
      URI uri,
      Map<String, List<String>> headers,
      String signedHeaders,
      Instant signingTime,
      byte[] body,
      CallerCredentials credentials)
      throws EcrApiException {
    SdkHttpFullRequest.Builder request =
        SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    for (String name : signedHeaders.split(";")) {
      if (name.equals("x-amz-date")) {
        continue; // The signer writes it from SIGNING_CLOCK.
      }
      List<String> values = headers.get(name);
      if (values == null) {
        throw forbidden(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. "
                + "Signed header '" + name + "' is missing from the request.");
      }
      request.putHeader(name, values);
    }
    SignedRequest signed =
        signer.sign(
            sign ->
                sign.request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .identity(identity(credentials))
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signingTime, ZoneOffset.UTC)));
    Matcher expected =
        AUTHORIZATION.matcher(signed.request().firstMatchingHeader("Authorization").orElse(""));
    return expected.matches() ? expected.group(6) : "";
  }

  private static AwsCredentialsIdentity identity(CallerCredentials credentials) {
    if (credentials.sessionToken() == null) {
      return AwsCredentialsIdentity.create(
          credentials.accessKeyId(), credentials.secretAccessKey());
    }
    return AwsSessionCredentialsIdentity.create(
        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
  }

  private static EcrApiException invalidToken() {
    return forbidden(
        "UnrecognizedClientException", "The security token included in the request is invalid.");
  }

  private static Instant parseAmzDate(String value) throws EcrApiException {
    if (value == null) {
      throw forbidden(
          "IncompleteSignatureException", "Missing required header X-Amz-Date for SigV4.");
    }
    try {
      return LocalDateTime.parse(value, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw forbidden("IncompleteSignatureException", "Invalid X-Amz-Date '" + value + "'.");
    }
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static EcrApiException forbidden(String type, String message) {
    return new EcrApiException(403, type, message);
  }
}
