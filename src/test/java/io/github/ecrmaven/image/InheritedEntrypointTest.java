package io.github.ecrmaven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.image.BaseImageConfigs.StartCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InheritedEntrypointTest {
  private static final String BASE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/base/java17:17";

  private static ApplicationImage image(ApplicationForm form) {
    ApplicationLayers layers = new ApplicationLayers(List.of(), List.of(), List.of(), Path.of("classes")).withForm(form);
    ContainerSettings container = new ContainerSettings(Optional.empty(), List.of(), List.of(), List.of(), Map.of(),
        Map.of()).withEntrypoint(List.of(ContainerSettings.INHERIT));
    RegistryAccess base = RegistryAccess.anonymous("localhost:5000/base/java17:17").withConfiguredReference(BASE);
    return new ApplicationImage(base, layers, Optional.empty(), container);
  }

  private static ApplicationImage war() {
    return image(new ApplicationForm.ExplodedWar(Path.of("target/shop"), "/usr/local/tomcat/webapps/ROOT"));
  }

  private static StartCommand none() {
    return new StartCommand("linux/amd64", List.of(), List.of());
  }

  @Test
  void warOnBaseWithoutCommandIsRejected() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> InheritedEntrypoint.require(war(), none(), false));

    assertTrue(e.getMessage().startsWith("The base image " + BASE + " from <from><image> (ecr.from.image) has neither"
        + " an entrypoint nor a command, so it is not a servlet container image"), e.getMessage());
    assertTrue(e.getMessage().contains("Choose a servlet container base image"), e.getMessage());
    assertTrue(e.getMessage().contains("or set <container><entrypoint> (ecr.container.entrypoint)"), e.getMessage());
  }

  @Test
  void warOnBaseWithCommandPasses() throws ConfigurationException {
    InheritedEntrypoint.require(war(), new StartCommand("linux/amd64", List.of(), List.of("catalina.sh", "run")), false);
    InheritedEntrypoint.require(war(), new StartCommand("linux/amd64", List.of("/docker-entrypoint.sh"), List.of()),
        false);
  }

  @Test
  void inheritOnBaseWithoutCommandIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> InheritedEntrypoint.require(image(new ApplicationForm.ExplodedClasses()), none(), false));

    assertTrue(e.getMessage().contains("so <container><entrypoint> (ecr.container.entrypoint) INHERIT would give an"
        + " image that starts nothing"), e.getMessage());
  }

  @Test
  void severalPlatformsNameThePlatform() {
    StartCommand arm = new StartCommand("linux/arm64", List.of(), List.of());

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> InheritedEntrypoint.require(war(), arm, true));

    assertTrue(e.getMessage().contains("(ecr.from.image) has, for linux/arm64, neither an entrypoint"), e.getMessage());
  }

  @Test
  void startCommandReadsConfiguration() throws Exception {
    StartCommand command = BaseImageConfigs.startCommand("linux/amd64", new ObjectMapper().readTree(
        "{\"architecture\":\"amd64\",\"config\":{\"Entrypoint\":[\"/init\"],\"Cmd\":[\"catalina.sh\",\"run\"]}}"));

    assertEquals(List.of("/init"), command.entrypoint());
    assertEquals(List.of("catalina.sh", "run"), command.command());
    assertTrue(BaseImageConfigs.startCommand("linux/amd64", new ObjectMapper().readTree("{\"config\":{}}")).isEmpty());
  }
}
