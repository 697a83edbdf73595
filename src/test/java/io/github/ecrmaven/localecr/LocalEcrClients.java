package io.github.ecrmaven.localecr;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds real SDK {@link EcrClient}s and {@link StsClient}s for the local ECR, with explicit
 * settings only.
 */
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
        .overrideConfiguration(isolatedConfiguration())
        .build();
  }

  /**
   * Builds a client of the ECR API at {@code endpoint}, in the local ECR's region, that signs with
   * the credentials of {@code provider}, for example a {@code StsAssumeRoleCredentialsProvider}.
   */
  static EcrClient client(URI endpoint, AwsCredentialsProvider provider) {
    return client(endpoint, Region.of(LocalEcr.REGION), provider);
  }

  /** Builds a client of the ECR API at {@code endpoint} in {@code region} that signs with {@code provider}. */
  static EcrClient client(URI endpoint, Region region, AwsCredentialsProvider provider) {
    return EcrClient.builder()
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(provider)
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(isolatedConfiguration())
        .build();
  }

  /** Builds a client of the local STS in {@code region} that signs with the IAM user's keys. */
  static StsClient stsClient(LocalEcr ecr, Region region) {
    return stsClient(ecr.stsEndpoint(), region, ecr.accessKeyId(), ecr.secretAccessKey());
  }

  /** Builds a client of the STS at {@code endpoint} with the given settings. */
  static StsClient stsClient(URI endpoint, Region region, String accessKeyId, String secret) {
    return StsClient.builder()
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(isolatedConfiguration())
        .build();
  }

  private static ClientOverrideConfiguration isolatedConfiguration() {
    return ClientOverrideConfiguration.builder()
        .defaultProfileFileSupplier(LocalEcrClients::emptyProfileFile)
        .defaultProfileFile(emptyProfileFile())
        .build();
  }

  private static ProfileFile emptyProfileFile() {
    return ProfileFile.builder().content("").type(ProfileFile.Type.CONFIGURATION).build();
  }

  /** Returns the digest that {@code tag} points at in {@code repository}, read with {@code BatchGetImage}. */
  public static java.util.Optional<String> tagDigest(EcrClient client, String repository, String tag) {
    return client.batchGetImage(request -> request.repositoryName(repository)
            .imageIds(software.amazon.awssdk.services.ecr.model.ImageIdentifier.builder().imageTag(tag).build()))
        .images().stream().findFirst().map(image -> image.imageId().imageDigest());
  }
}
