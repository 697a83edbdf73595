package io.github.ecrmaven.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsSettingsTest {

  @ParameterizedTest
  @ValueSource(strings = {"eu-west-1", "us-gov-west-1", "cn-northwest-1", "ap-southeast-5", "eusc-de-east-1"})
  void ofAcceptsRegionCodes(String region) throws ConfigurationException {
    assertEquals(Optional.of(region), AwsSettings.of(region, null, null).region());
  }

  @ParameterizedTest
  @ValueSource(strings = {"EU-WEST-1", "eu-west", "Ireland", "eu_west_1"})
  void ofRejectsOtherRegionValues(String region) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> AwsSettings.of(region, null, null));
    assertTrue(e.getMessage().contains("<region> (ecr.region) '" + region + "'"), e.getMessage());
  }

  @Test
  void ofTreatsBlankValuesAsUnset() throws ConfigurationException {
    AwsSettings settings = AwsSettings.of(" ", "", null);
    assertTrue(settings.region().isEmpty());
    assertTrue(settings.endpoint().isEmpty());
    assertTrue(settings.profile().isEmpty());
  }

  @Test
  void ofParsesEndpoint() throws ConfigurationException {
    assertEquals(Optional.of(URI.create("https://vpce-1.api.ecr.eu-west-1.vpce.amazonaws.com")),
        AwsSettings.of(null, "https://vpce-1.api.ecr.eu-west-1.vpce.amazonaws.com", null).endpoint());
  }

  @ParameterizedTest
  @ValueSource(strings = {"api.ecr.eu-west-1.amazonaws.com", "ftp://host", "http://", "https://bad host",
      "http://127.0.0.1:99999"})
  void ofRejectsEndpointWithoutSchemeOrHost(String endpoint) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> AwsSettings.of(null, endpoint, null));
    assertTrue(e.getMessage().contains("<endpoint> (ecr.endpoint) '" + endpoint + "'"), e.getMessage());
  }

  @Test
  void resolveRegionRejectsConflictWithHost() throws ConfigurationException {
    AwsSettings settings = AwsSettings.of("us-east-1", null, null);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> EcrClients.resolveRegion(settings, Optional.of("eu-west-1")));
    assertTrue(e.getMessage().contains("'us-east-1'"), e.getMessage());
    assertTrue(e.getMessage().contains("'eu-west-1'"), e.getMessage());
  }

  @Test
  void resolveRegionTakesHostRegion() throws ConfigurationException {
    assertEquals("ap-south-1", EcrClients.resolveRegion(AwsSettings.of(null, null, null), Optional.of("ap-south-1")));
  }

  @Test
  void resolveRegionPrefersConfiguredRegion() throws ConfigurationException {
    assertEquals("eu-west-1", EcrClients.resolveRegion(AwsSettings.of("eu-west-1", null, null), Optional.empty()));
  }

  private static AwsSettings withRole(String roleArn, String externalId, String sessionName)
      throws ConfigurationException {
    return AwsSettings.of(null, null, null, roleArn, externalId, sessionName, null, false, false);
  }

  @Test
  void roleGetsDefaultSessionName() throws ConfigurationException {
    AssumedRole role = withRole("arn:aws:iam::123456789012:role/ecr-publisher", "shared-secret-id", null).role().get();
    assertEquals("arn:aws:iam::123456789012:role/ecr-publisher", role.roleArn());
    assertEquals(Optional.of("shared-secret-id"), role.externalId());
    assertEquals("ecr-maven-plugin", role.sessionName());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ecr-publisher", "arn:aws:iam::123:role/x", "arn:aws:iam::123456789012:user/ci"})
  void malformedRoleArnIsRejected(String roleArn) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> withRole(roleArn, null, null));
    assertTrue(e.getMessage().contains("<aws><roleArn> (ecr.aws.roleArn) '" + roleArn + "'"), e.getMessage());
  }

  @Test
  void externalIdWithoutRoleIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> withRole(null, "id-1", null));
    assertTrue(e.getMessage().contains("<aws><roleArn>"), e.getMessage());
  }

  @Test
  void malformedSessionNameIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> withRole("arn:aws:iam::123456789012:role/ecr-publisher", null, "has spaces"));
    assertTrue(e.getMessage().contains("<aws><roleSessionName> (ecr.aws.roleSessionName) 'has spaces'"), e.getMessage());
  }

  @Test
  void malformedStsEndpointIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> AwsSettings.of(null, null, null, null, null, null, "sts.local", false, false));
    assertTrue(e.getMessage().contains("<aws><stsEndpoint> (ecr.aws.stsEndpoint) 'sts.local'"), e.getMessage());
  }
}
