package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.tools.jib.api.LogEvent;
import io.github.ecrmaven.testing.RecordingLog;
import java.util.List;
import org.junit.jupiter.api.Test;

class JibLogAdapterTest {
  private static final String CONFIGURED = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/base/java17:17";
  private static final String REACHED = "localhost:5000/base/java17:17";

  private final RecordingLog log = new RecordingLog();

  @Test
  void messagesNameConfiguredBaseImage() {
    JibLogAdapter adapter =
        new JibLogAdapter(log, RegistryAccess.anonymous(REACHED).withConfiguredReference(CONFIGURED));

    adapter.accept(LogEvent.warn("Base image '" + REACHED + "' does not use a specific image digest"));
    adapter.accept(LogEvent.lifecycle("The base image requires auth. Trying again for " + REACHED + "..."));

    assertEquals(List.of("Base image '" + CONFIGURED + "' does not use a specific image digest"), log.warnings());
    assertEquals(List.of("The base image requires auth. Trying again for " + CONFIGURED + "..."), log.infos());
  }

  @Test
  void messagesStayWithoutEndpointOverride() {
    JibLogAdapter adapter = new JibLogAdapter(log, RegistryAccess.anonymous(CONFIGURED));

    adapter.accept(LogEvent.lifecycle("Using base image " + CONFIGURED));

    assertEquals(List.of("Using base image " + CONFIGURED), log.infos());
  }
}
