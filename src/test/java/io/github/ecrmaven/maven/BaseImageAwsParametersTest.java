package io.github.ecrmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.aws.BaseImageAws;
import java.net.URI;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The {@code <from><aws>} parameters and their {@code ecr.from.aws.*} properties. */
class BaseImageAwsParametersTest {
  private final Properties userProperties = new Properties();
  private final Properties projectProperties = new Properties();

  private BaseImageAws resolve(FromParameters from) throws ConfigurationException {
    return ImageParameters.baseImageAws(new ParameterLookup(userProperties, new Properties(), projectProperties), from);
  }

  @Test
  void unsetParametersGiveNone() throws ConfigurationException {
    assertTrue(resolve(null).isEmpty());
  }

  @Test
  void pomValuesAreRead() throws ConfigurationException {
    FromParameters from = new FromParameters();
    from.aws = new FromAwsParameters();
    from.aws.region = "us-east-1";
    from.aws.profile = "base";
    from.aws.registryEndpoint = "vpce-1.dkr.ecr.us-east-1.vpce.amazonaws.com";

    BaseImageAws settings = resolve(from);

    assertEquals(Optional.of("us-east-1"), settings.region());
    assertEquals(Optional.of("base"), settings.profile());
    assertEquals(Optional.of("vpce-1.dkr.ecr.us-east-1.vpce.amazonaws.com"), settings.registryEndpoint());
  }

  @Test
  void userPropertyOverridesPom() throws ConfigurationException {
    FromParameters from = new FromParameters();
    from.aws = new FromAwsParameters();
    from.aws.endpoint = "https://pom.example";
    userProperties.setProperty("ecr.from.aws.endpoint", "http://127.0.0.1:9001");
    projectProperties.setProperty("ecr.from.aws.roleArn", "arn:aws:iam::123456789012:role/base-reader");

    BaseImageAws settings = resolve(from);

    assertEquals(Optional.of(URI.create("http://127.0.0.1:9001")), settings.endpoint());
    assertEquals("arn:aws:iam::123456789012:role/base-reader", settings.role().orElseThrow().roleArn());
  }

  @Test
  void invalidPropertyNamesFromAwsElement() {
    userProperties.setProperty("ecr.from.aws.registryEndpoint", "https://vpce/path");

    ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(null));

    assertTrue(e.getMessage().startsWith(
        "Invalid <from><aws><registryEndpoint> (ecr.from.aws.registryEndpoint) 'https://vpce/path'"), e.getMessage());
  }
}
