package io.github.ecrmaven.testing;

import java.nio.file.Files;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The entrypoint of the local ECR's servlet container base image: starts Tomcat (embedded, from
 * {@code tomcat-embed-core}) with the web application in {@code $CATALINA_HOME/webapps/ROOT} at the context
 * path {@code /}, as the official {@code tomcat} images deploy it.
 *
 * <p>It listens on {@code TOMCAT_ADDRESS} (default {@code 127.0.0.1}) and {@code TOMCAT_PORT} (default
 * {@code 8080}), so that a test runs it in the host's network on a free loopback port.
 */
public final class TomcatLauncher {
  private TomcatLauncher() {}

  public static void main(String[] args) throws Exception {
    String home = System.getenv().getOrDefault("CATALINA_HOME", "/usr/local/tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat-").toString());
    Connector connector = new Connector();
    connector.setPort(Integer.parseInt(System.getenv().getOrDefault("TOMCAT_PORT", "8080")));
    connector.setProperty("address", System.getenv().getOrDefault("TOMCAT_ADDRESS", "127.0.0.1"));
    tomcat.setConnector(connector);
    tomcat.getHost().setAppBase(home + "/webapps");
    tomcat.addWebapp("", home + "/webapps/ROOT");
    tomcat.start();
    tomcat.getServer().await();
  }
}
