package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RegistryFailureTest {

  @Test
  void retryAfterReadsSeconds() {
    assertEquals(Optional.of(Duration.ofSeconds(2)), RegistryFailure.retryAfter("2"));
    assertEquals(Optional.of(Duration.ofSeconds(30)), RegistryFailure.retryAfter(" 30 "));
  }

  @Test
  void retryAfterIgnoresDatesAndJunk() {
    assertEquals(Optional.empty(), RegistryFailure.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT"));
    assertEquals(Optional.empty(), RegistryFailure.retryAfter("-1"));
    assertEquals(Optional.empty(), RegistryFailure.retryAfter(null));
  }

  @Test
  void brokenConnectionIsTransient() {
    ImageBuildException failure =
        new ImageBuildException("push failed", new IOException(new SocketException("Connection reset")));

    assertEquals(RegistryFailure.Kind.TRANSIENT, RegistryFailure.of(failure).kind());
  }

  @Test
  void handshakeFailureIsPermanent() {
    ImageBuildException failure = new ImageBuildException("push failed", new SSLHandshakeException("PKIX path"));

    assertEquals(RegistryFailure.Kind.PERMANENT, RegistryFailure.of(failure).kind());
  }

  @Test
  void localFileFailureIsPermanent() {
    ImageBuildException failure = new ImageBuildException("build failed", new java.nio.file.NoSuchFileException("x"));

    assertEquals(RegistryFailure.Kind.PERMANENT, RegistryFailure.of(failure).kind());
  }
}
