package io.github.ecrmaven.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The ECR API endpoint a client calls for the FIPS and dual-stack switches, as the AWS SDK's endpoint
 * rules resolve it without a network call.
 */
class EcrClientsEndpointTest {

  private static URI endpoint(String region, boolean fips, boolean dualStack) throws Exception {
    return EcrClients.endpoint(region, AwsSettings.of(region, null, null, null, null, null, null, fips, dualStack));
  }

  @Test
  void standardEndpointWithoutSwitches() throws Exception {
    assertEquals(URI.create("https://api.ecr.us-east-1.amazonaws.com"), endpoint("us-east-1", false, false));
  }

  @Test
  void fipsSwitchSelectsFipsHost() throws Exception {
    assertEquals(URI.create("https://api.ecr-fips.us-east-1.amazonaws.com"), endpoint("us-east-1", true, false));
    assertEquals(URI.create("https://api.ecr-fips.us-gov-west-1.amazonaws.com"),
        endpoint("us-gov-west-1", true, false));
  }

  @Test
  void dualStackSwitchSelectsDualStackHost() throws Exception {
    assertEquals(URI.create("https://ecr.eu-west-1.api.aws"), endpoint("eu-west-1", false, true));
    assertEquals(URI.create("https://ecr.cn-north-1.api.amazonwebservices.com.cn"),
        endpoint("cn-north-1", false, true));
  }

  @Test
  void bothSwitchesSelectFipsDualStackHost() throws Exception {
    assertEquals(URI.create("https://ecr-fips.us-east-1.api.aws"), endpoint("us-east-1", true, true));
  }

  @Test
  void overrideWinsOverSwitches() throws Exception {
    AwsSettings settings = AwsSettings.of("us-east-1", "http://127.0.0.1:9001", null, null, null, null, null, true,
        true);

    assertEquals(URI.create("http://127.0.0.1:9001"), EcrClients.endpoint("us-east-1", settings));
  }
}
