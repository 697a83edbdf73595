package io.github.ecrmaven.localecr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Builds real SDK {@link EcrClient}s for the local ECR, with explicit settings only. */
public final class LocalEcrClients {

  private LocalEcrClients() {}

  /** Builds a client with the local ECR's credentials and region. */
  public static EcrClient client(LocalEcr ecr) {
    return client(ecr.apiEndpoint(), Region.of(ecr.region()), ecr.accessKeyId(),
        ecr.secretAccessKey());
  }

  /**
   * Builds a client with the given settings. An empty profile file replaces
   * {@code ~/.aws/config} and {@code ~/.aws/credentials}, so nothing of the developer's AWS
   * configuration is read.
   */
  static EcrClient client(URI endpoint, Region region, String accessKeyId, String secret) {
    return EcrClient.builder()
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .defaultProfileFileSupplier(LocalEcrClients::emptyProfileFile)
                .defaultProfileFile(emptyProfileFile())
                .build())
        .build();
  }

  private static ProfileFile emptyProfileFile() {
    try {
      Path file = Files.createTempFile("local-ecr-aws-config", ".ini");
      file.toFile().deleteOnExit();
      return ProfileFile.builder().content(file).type(ProfileFile.Type.CONFIGURATION).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
