package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.localecr.SharedLocalEcr;
import io.github.ecrmaven.testing.RecordingLog;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistryWarmUpTest {

  @Test
  void warmUpPrivateRegistry() throws Exception {
    RecordingLog log = RecordingLog.withDebug();

    RegistryWarmUp warmUp = RegistryWarmUp.start(SharedLocalEcr.get().registryHost(), "warm-up/app", log);

    assertTrue(warmUp.awaitEnd(Duration.ofSeconds(30)), "the warm-up request did not end");
    assertTrue(log.debugs().stream().anyMatch(line -> line.startsWith("Warm-up request to "
        + SharedLocalEcr.get().registryHost() + " ended in ") && line.endsWith("RegistryUnauthorizedException")),
        log.debugs().toString());
    assertTrue(log.infos().isEmpty(), "info: " + log.infos());
    assertTrue(log.warnings().isEmpty(), "warnings: " + log.warnings());
  }

  @Test
  void stopUnreachableRegistry() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    RecordingLog log = RecordingLog.withDebug();

    RegistryWarmUp warmUp = RegistryWarmUp.start("127.0.0.1:" + closedPort, "warm-up/app", log);
    // Jib Core's HTTP client retries a refused connection with growing pauses.
    assertFalse(warmUp.awaitEnd(Duration.ofSeconds(2)), "the warm-up gave up before it was stopped");
    warmUp.stop();

    assertTrue(warmUp.awaitEnd(Duration.ofSeconds(30)), "the warm-up request did not end after stop()");
    assertTrue(log.debugs().stream().anyMatch(line -> line.startsWith("Warm-up request to 127.0.0.1:" + closedPort
        + " ended in ")), log.debugs().toString());
    assertTrue(log.infos().isEmpty(), "info: " + log.infos());
    assertTrue(log.warnings().isEmpty(), "warnings: " + log.warnings());
  }
}
