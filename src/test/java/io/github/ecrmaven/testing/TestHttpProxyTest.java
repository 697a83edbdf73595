package io.github.ecrmaven.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.localecr.LocalEcr;
import io.github.ecrmaven.localecr.SharedLocalEcr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * {@link TestHttpProxy} between real clients and the local ECR: the AWS SDK's Apache client
 * forwarding to the plain-HTTP ECR API, and Java's {@link HttpClient} tunneling to the HTTPS
 * registry front.
 */
class TestHttpProxyTest {

  private static final String USER = "proxy-user";
  private static final String PASSWORD = "proxy-password";

  private static LocalEcr ecr;

  @BeforeAll
  static void startLocalEcr() {
    ecr = SharedLocalEcr.get();
  }

  @Test
  void sdkReachesEcrApiThroughProxy() throws IOException {
    try (TestHttpProxy proxy = TestHttpProxy.start(0, USER, PASSWORD);
        EcrClient client = ecrClientThrough(proxy, PASSWORD)) {
      client.describeRepositories(request -> {});

      String apiTarget = "127.0.0.1:" + ecr.apiEndpoint().getPort();
      assertTrue(proxy.forwardedRequests() > 0, "forwarded requests");
      assertEquals(0, proxy.connectTunnels());
      assertTrue(proxy.targets().contains(apiTarget), proxy.targets().toString());
    }
  }

  @Test
  void wrongProxyPasswordGets407() throws IOException {
    try (TestHttpProxy proxy = TestHttpProxy.start(0, USER, PASSWORD);
        EcrClient client = ecrClientThrough(proxy, "wrong-password")) {
      SdkServiceException error = assertThrows(SdkServiceException.class,
          () -> client.describeRepositories(request -> {}));

      assertEquals(407, error.statusCode());
      assertTrue(proxy.authenticationFailures() > 0, "authentication failures");
      assertEquals(0, proxy.forwardedRequests());
    }
  }

  @Test
  void missingProxyAuthorizationGets407() throws IOException {
    try (TestHttpProxy proxy = TestHttpProxy.start(0, USER, PASSWORD)) {
      List<String> response = exchange(proxy, "GET " + ecr.apiEndpoint() + "/ HTTP/1.1\r\n"
          + "Host: " + ecr.apiEndpoint().getAuthority() + "\r\n\r\n");

      assertEquals("HTTP/1.1 407 Proxy Authentication Required", response.get(0));
      assertTrue(response.contains("Proxy-Authenticate: Basic realm=\"test\""),
          response.toString());
      assertEquals(List.of(), proxy.targets());
    }
  }

  @Test
  void httpClientTunnelsToRegistry() throws Exception {
    try (TestHttpProxy proxy = TestHttpProxy.start(0)) {
      HttpClient client = HttpClient.newBuilder()
          .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
          .build();

      HttpResponse<Void> response = client.send(
          HttpRequest.newBuilder(URI.create("https://" + ecr.registryHost() + "/v2/")).build(),
          HttpResponse.BodyHandlers.discarding());

      assertEquals(401, response.statusCode());
      assertEquals(1, proxy.connectTunnels());
      assertEquals(0, proxy.forwardedRequests());
      assertEquals(List.of(ecr.registryHost()), proxy.targets());
    }
  }

  @Test
  void nonLoopbackTunnelIsForbidden() throws IOException {
    try (TestHttpProxy proxy = TestHttpProxy.start(0)) {
      // 192.0.2.1 is reserved for documentation (RFC 5737), so no host listens there anyway.
      List<String> response = exchange(proxy, "CONNECT 192.0.2.1:443 HTTP/1.1\r\n"
          + "Host: 192.0.2.1:443\r\n\r\n");

      assertEquals("HTTP/1.1 403 Forbidden", response.get(0));
      assertEquals(0, proxy.connectTunnels());
      assertEquals(List.of("192.0.2.1:443"), proxy.targets());
    }
  }

  @Test
  void nonLoopbackForwardIsForbidden() throws IOException {
    try (TestHttpProxy proxy = TestHttpProxy.start(0)) {
      List<String> response = exchange(proxy, "GET http://example.com/ HTTP/1.1\r\n"
          + "Host: example.com\r\n\r\n");

      assertEquals("HTTP/1.1 403 Forbidden", response.get(0));
      assertEquals(0, proxy.forwardedRequests());
      assertEquals(List.of("example.com:80"), proxy.targets());
    }
  }

  @Test
  void originFormRequestIsBadRequest() throws IOException {
    try (TestHttpProxy proxy = TestHttpProxy.start(0)) {
      List<String> response = exchange(proxy, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

      assertEquals("HTTP/1.1 400 Bad Request", response.get(0));
    }
  }

  /** Builds an ECR client that reaches the local ECR API through {@code proxy} as {@link #USER}. */
  private static EcrClient ecrClientThrough(TestHttpProxy proxy, String password) {
    ProxyConfiguration proxyConfiguration = ProxyConfiguration.builder()
        .endpoint(proxy.uri())
        .username(USER)
        .password(password)
        .nonProxyHosts(Set.of())
        .useSystemPropertyValues(false)
        .useEnvironmentVariableValues(false)
        .build();
    return EcrClient.builder()
        .endpointOverride(ecr.apiEndpoint())
        .region(Region.of(ecr.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ecr.accessKeyId(), ecr.secretAccessKey())))
        .httpClientBuilder(ApacheHttpClient.builder().proxyConfiguration(proxyConfiguration))
        .build();
  }

  /** Sends raw request bytes to the proxy and returns the response head's lines. */
  private static List<String> exchange(TestHttpProxy proxy, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      BufferedReader reader = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      List<String> lines = new ArrayList<>();
      for (String line = reader.readLine(); line != null && !line.isEmpty();
          line = reader.readLine()) {
        lines.add(line);
      }
      return lines;
    }
  }
}
