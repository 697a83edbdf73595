package io.github.ecrmaven.maven;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.RegistryAccess;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Finds the credential for a base image's registry in Maven's {@code settings.xml}: the
 * {@code <server>} whose {@code <id>} is the registry host, such as {@code registry.example.com} or
 * {@code localhost:5000}, as jib-maven-plugin reads it. Its password is decrypted through Maven.
 */
final class BaseImageCredentials {
  private BaseImageCredentials() {}

  /**
   * Returns the base image with the credential of its registry's server, or without one.
   *
   * @throws ConfigurationException when the reference is invalid or the password cannot be decrypted
   */
  static RegistryAccess access(String reference, Settings settings, SettingsDecrypter decrypter)
      throws ConfigurationException {
    String registry;
    try {
      registry = ImageReference.parse(reference).getRegistry();
    } catch (InvalidImageReferenceException e) {
      throw new ConfigurationException(
          "Invalid <from><image> (ecr.from.image) '" + reference + "': give an image reference such as"
              + " eclipse-temurin:17-jre or 123456789012.dkr.ecr.eu-west-1.amazonaws.com/base/java:17.",
          e);
    }
    Server server = settings == null ? null : settings.getServer(registry);
    if (server == null || server.getUsername() == null) {
      return RegistryAccess.anonymous(reference);
    }
    if (decrypter != null && server.getPassword() != null) {
      SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
      for (SettingsProblem problem : result.getProblems()) {
        if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
          throw new ConfigurationException(
              "Failed to decrypt the password of server '" + registry + "' in settings.xml: " + problem.getMessage()
                  + ". Check ~/.m2/settings-security.xml, or give the password unencrypted.");
        }
      }
      server = result.getServer();
    }
    return RegistryAccess.withCredential(reference, server.getUsername(),
        server.getPassword() == null ? "" : server.getPassword());
  }
}
