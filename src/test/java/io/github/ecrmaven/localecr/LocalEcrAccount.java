package io.github.ecrmaven.localecr;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The AWS account, region and partition a local ECR plays, and the access key of its IAM user.
 * ARNs, registry IDs, error messages and the SigV4 credential scope all follow these values.
 *
 * @param accountId the 12-digit account ID, which is also the registry ID
 * @param region the only region the API and STS accept in a SigV4 credential scope
 * @param partition {@code aws}, {@code aws-cn} or {@code aws-us-gov}, the second field of every ARN
 * @param accessKeyId the IAM user's access key ID
 * @param secretAccessKey the IAM user's secret access key
 */
public record LocalEcrAccount(
    String accountId, String region, String partition, String accessKeyId, String secretAccessKey) {

  /** The DNS suffix of each partition, as AWS documents it for the registry hosts. */
  private static final Map<String, String> DNS_SUFFIXES =
      Map.of("aws", "amazonaws.com", "aws-cn", "amazonaws.com.cn", "aws-us-gov", "amazonaws.com");
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-[0-9]+");
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");

  /** The account of every local ECR that sets no other: 123456789012 in eu-west-1 of {@code aws}. */
  public static final LocalEcrAccount DEFAULT = new LocalEcrAccount(LocalEcr.ACCOUNT_ID, LocalEcr.REGION, "aws",
      LocalEcr.ACCESS_KEY_ID, LocalEcr.SECRET_ACCESS_KEY);

  /**
   * Checks every value, and that the region belongs to the partition: {@code cn-*} regions to
   * {@code aws-cn}, {@code us-gov-*} regions to {@code aws-us-gov}, every other one to {@code aws}.
   *
   * @throws IllegalArgumentException naming the value and the rule
   */
  public LocalEcrAccount {
    if (!ACCOUNT_ID.matcher(accountId).matches()) {
      throw new IllegalArgumentException("Invalid account ID '" + accountId + "': expected 12 digits");
    }
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("Invalid region '" + region + "': expected a region code such as eu-west-1");
    }
    if (!DNS_SUFFIXES.containsKey(partition)) {
      throw new IllegalArgumentException(
          "Invalid partition '" + partition + "': expected aws, aws-cn or aws-us-gov");
    }
    if (!partitionOf(region).equals(partition)) {
      throw new IllegalArgumentException("Region " + region + " is not in partition " + partition
          + " but in " + partitionOf(region));
    }
    if (!ACCESS_KEY_ID.matcher(accessKeyId).matches() || secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid access key ID '" + accessKeyId + "': expected 16 or more uppercase letters and digits,"
              + " with a non-empty secret");
    }
  }

  /** Returns the partition a region belongs to. */
  static String partitionOf(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }

  /** Returns the ARN of the IAM user that {@link #accessKeyId()} belongs to. */
  public String userArn() {
    return "arn:" + partition + ":iam::" + accountId + ":user/local-ecr-test";
  }

  /** Returns a repository's ARN in this account's registry. */
  public String repositoryArn(String repository) {
    return repositoryArn(accountId, repository);
  }

  /** Returns a repository's ARN in the registry of {@code registryId}, in this region. */
  String repositoryArn(String registryId, String repository) {
    return "arn:" + partition + ":ecr:" + region + ":" + registryId + ":repository/" + repository;
  }

  /** Returns the ARN of a KMS key of {@code keyAccount} in this region. */
  public String kmsKeyArn(String keyAccount, String keyId) {
    return "arn:" + partition + ":kms:" + region + ":" + keyAccount + ":key/" + keyId;
  }

  /**
   * Returns the registry host ECR would give this account, such as
   * {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}, which clients reach the local registry
   * for through a registry endpoint override.
   */
  public String canonicalRegistryHost() {
    return accountId + ".dkr.ecr." + region + "." + DNS_SUFFIXES.get(partition);
  }
}
