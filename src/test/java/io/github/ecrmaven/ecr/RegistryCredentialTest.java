package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RegistryCredentialTest {
  private static final Instant EXPIRY = Instant.parse("2026-12-05T08:00:00Z");

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodeSplitsUserAndPassword() {
    RegistryCredential credential = RegistryCredential.decode(encode("AWS:pass:with:colons"), EXPIRY);
    assertEquals("AWS", credential.username());
    assertEquals("pass:with:colons", credential.password());
    assertEquals(EXPIRY, credential.expiresAt());
  }

  @Test
  void decodeRejectsTokenWithoutColon() {
    assertThrows(IllegalArgumentException.class, () -> RegistryCredential.decode(encode("AWSpassword"), EXPIRY));
  }

  @Test
  void decodeRejectsInvalidBase64() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RegistryCredential.decode("not base64!", EXPIRY));
    assertFalse(e.getMessage().contains("not base64!"));
  }

  @Test
  void toStringHidesPassword() {
    RegistryCredential credential = RegistryCredential.decode(encode("AWS:s3cret"), EXPIRY);
    assertFalse(credential.toString().contains("s3cret"));
  }
}
