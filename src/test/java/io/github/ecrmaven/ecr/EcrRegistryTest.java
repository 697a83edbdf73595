package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EcrRegistryTest {

  @Test
  void parseReadsAccountAndRegion() {
    EcrRegistry registry = EcrRegistry.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com").orElseThrow();
    assertEquals("123456789012", registry.accountId());
    assertEquals("eu-west-1", registry.region());
    assertFalse(registry.fips());
    assertFalse(registry.dualStack());
  }

  @Test
  void parseReadsChinaRegion() {
    EcrRegistry registry = EcrRegistry.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn").orElseThrow();
    assertEquals("cn-north-1", registry.region());
  }

  @Test
  void parseReadsGovCloudFipsHost() {
    EcrRegistry registry = EcrRegistry.parse("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com").orElseThrow();
    assertEquals("us-gov-west-1", registry.region());
    assertTrue(registry.fips());
  }

  @Test
  void parseReadsDualStackHost() {
    EcrRegistry registry = EcrRegistry.parse("123456789012.dkr-ecr.eu-central-1.on.aws").orElseThrow();
    assertEquals("eu-central-1", registry.region());
    assertTrue(registry.dualStack());
  }

  @Test
  void parseReadsSovereignCloudRegion() {
    assertEquals("eusc-de-east-1",
        EcrRegistry.parse("123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu").orElseThrow().region());
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov, us-iso-east-1",
      "123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov, us-isob-east-1",
      "123456789012.dkr.ecr.eu-isoe-west-1.cloud.adc-e.uk, eu-isoe-west-1",
      "123456789012.dkr.ecr.us-isof-south-1.csp.hci.ic.gov, us-isof-south-1",
      "123456789012.dkr-ecr-fips.us-gov-east-1.on.aws, us-gov-east-1"})
  void parseReadsEveryPartition(String host, String region) {
    assertEquals(region, EcrRegistry.parse(host).orElseThrow().region());
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:5000", "docker.io", "public.ecr.aws", "12345.dkr.ecr.eu-west-1.amazonaws.com",
      "123456789012.dkr.ecr.amazonaws.com"})
  void parseRejectsOtherHosts(String host) {
    assertTrue(EcrRegistry.parse(host).isEmpty());
  }
}
