package io.github.ecrmaven.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BaseImageAwsTest {
  private static final String TARGET_ROLE = "arn:aws:iam::123456789012:role/publisher";

  private static AwsSettings target() throws ConfigurationException {
    return AwsSettings.of("eu-west-1", "http://127.0.0.1:9001", "ci", TARGET_ROLE, null, null,
        "http://127.0.0.1:9002", true, false);
  }

  @Test
  void emptySettingsInTargetRegionShareTargetClient() throws Exception {
    AwsSettings target = target();

    BaseImageAws.Client client = BaseImageAws.NONE.clientFor(target, "eu-west-1", "eu-west-1");

    assertSame(target, client.settings());
    assertEquals("eu-west-1", client.region());
  }

  @Test
  void otherRegionDropsTargetEndpointKeepsCredentials() throws Exception {
    BaseImageAws.Client client = BaseImageAws.NONE.clientFor(target(), "eu-west-1", "us-east-1");

    assertEquals("us-east-1", client.region());
    assertEquals(Optional.empty(), client.settings().endpoint());
    assertEquals(Optional.of("ci"), client.settings().profile());
    assertEquals(TARGET_ROLE, client.settings().role().orElseThrow().roleArn());
    assertEquals("eu-west-1", client.credentialsRegion());
    assertTrue(client.settings().fips());
  }

  @Test
  void ownProfileReplacesTargetRole() throws Exception {
    BaseImageAws fromAws = BaseImageAws.of(null, "http://127.0.0.1:9101", "base", null, null, null, null, null);

    BaseImageAws.Client client = fromAws.clientFor(target(), "eu-west-1", "us-east-1");

    assertEquals(Optional.of("base"), client.settings().profile());
    assertEquals(Optional.empty(), client.settings().role());
    assertEquals(Optional.of(URI.create("http://127.0.0.1:9101")), client.settings().endpoint());
    assertEquals("us-east-1", client.credentialsRegion());
  }

  @Test
  void ownRoleIsAssumedWithTargetProfile() throws Exception {
    BaseImageAws fromAws = BaseImageAws.of(null, null, null, "arn:aws:iam::210987654321:role/reader", "x-42",
        null, "http://127.0.0.1:9102", null);

    BaseImageAws.Client client = fromAws.clientFor(target(), "eu-west-1", "us-east-1");

    assertEquals(Optional.of("ci"), client.settings().profile());
    assertEquals("arn:aws:iam::210987654321:role/reader", client.settings().role().orElseThrow().roleArn());
    assertEquals(Optional.of(URI.create("http://127.0.0.1:9102")), client.settings().stsEndpoint());
    assertEquals("us-east-1", client.credentialsRegion());
  }

  @Test
  void invalidValuesNameFromAwsElements() {
    assertMessage("Invalid <from><aws><region> (ecr.from.aws.region) 'US-EAST-1'",
        () -> BaseImageAws.of("US-EAST-1", null, null, null, null, null, null, null));
    assertMessage("Invalid <from><aws><endpoint> (ecr.from.aws.endpoint) 'ftp://x'",
        () -> BaseImageAws.of(null, "ftp://x", null, null, null, null, null, null));
    assertMessage("Invalid <from><aws><roleArn> (ecr.from.aws.roleArn) 'reader'",
        () -> BaseImageAws.of(null, null, null, "reader", null, null, null, null));
    assertMessage("<from><aws><externalId> and <from><aws><roleSessionName> apply only to an assumed role: set"
        + " <from><aws><roleArn> (ecr.from.aws.roleArn) too",
        () -> BaseImageAws.of(null, null, null, null, "x-42", null, null, null));
    assertMessage("Invalid <from><aws><registryEndpoint> (ecr.from.aws.registryEndpoint) 'https://vpce'",
        () -> BaseImageAws.of(null, null, null, null, null, null, null, "https://vpce"));
    assertMessage("Invalid <from><aws><stsEndpoint> (ecr.from.aws.stsEndpoint) 'sts'",
        () -> BaseImageAws.of(null, null, null, null, null, null, "sts", null));
  }

  private static void assertMessage(String start, org.junit.jupiter.api.function.Executable executable) {
    ConfigurationException e = assertThrows(ConfigurationException.class, executable);
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
