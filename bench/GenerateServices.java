import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates the benchmark's Spring Boot services: Maven projects with the dependencies, resources
 * and class count of a typical service. Each service has DOMAINS domains of 8 classes (entity,
 * repository, service, controller, request, response, mapper, events), one application class and
 * about 300 KB of resources. The content is fixed by a seed, so every run builds the same bytes.
 *
 * <pre>
 * java bench/GenerateServices.java service DIR NAME DOMAINS
 *     one standalone service project in DIR
 * java bench/GenerateServices.java reactor DIR MODULES DOMAINS
 *     an aggregator in DIR with MODULES service modules service-1 ... service-MODULES
 * java bench/GenerateServices.java touch DIR MARKER
 *     changes one class of the service in DIR (its marker constant) to MARKER
 * </pre>
 *
 * <p>The POMs name the parent {@code spring-boot-starter-parent} 3.5.7, the plugin under test as
 * {@code io.github.ecrmaven:ecr-maven-plugin:0.1.0-SNAPSHOT} and jib-maven-plugin 3.5.2, so that
 * both {@code ecr:push} and {@code jib:build} resolve by prefix.
 */
public final class GenerateServices {

  private static final String BOOT_VERSION = "3.5.7";
  private static final String JIB_VERSION = "3.5.2";
  private static final String PLUGIN_VERSION = "0.1.0-SNAPSHOT";
  private static final String[] LOCALES = {"", "_de", "_fr", "_es", "_it", "_nl", "_pt", "_pl"};

  private GenerateServices() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4 && !(args.length == 3 && args[0].equals("touch"))) {
      usage();
    }
    Path directory = Path.of(args[1]);
    switch (args[0]) {
      case "service" -> writeService(directory, args[2], Integer.parseInt(args[3]));
      case "reactor" -> writeReactor(directory, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "touch" -> touch(directory, args[2]);
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println("Usage: GenerateServices service DIR NAME DOMAINS | reactor DIR MODULES DOMAINS"
        + " | touch DIR MARKER");
    System.exit(2);
  }

  private static void writeReactor(Path directory, int modules, int domains) throws IOException {
    StringBuilder moduleList = new StringBuilder();
    for (int i = 1; i <= modules; i++) {
      String name = "service-" + i;
      writeService(directory.resolve(name), name, domains);
      moduleList.append("    <module>").append(name).append("</module>\n");
    }
    write(directory.resolve("pom.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>bench</groupId>
          <artifactId>services</artifactId>
          <version>1.0.0</version>
          <packaging>pom</packaging>
          <modules>
        %s  </modules>
          <build>
            <plugins>
        %s
            </plugins>
          </build>
        </project>
        """.formatted(moduleList, plugins()));
  }

  private static void writeService(Path directory, String name, int domains) throws IOException {
    String packageName = "bench." + name.replace("-", "");
    Path sources = directory.resolve("src/main/java/" + packageName.replace('.', '/'));
    Path resources = directory.resolve("src/main/resources");
    Random random = new Random(name.hashCode());

    write(directory.resolve("pom.xml"), pom(name, packageName + ".Application"));
    write(sources.resolve("Application.java"), application(packageName));
    for (int i = 1; i <= domains; i++) {
      writeDomain(sources, packageName, String.format(Locale.ROOT, "Domain%02d", i), random);
    }
    write(sources.resolve("BuildMarker.java"), buildMarker(packageName, "initial"));

    write(resources.resolve("application.yml"), applicationYaml(name));
    for (String locale : LOCALES) {
      write(resources.resolve("i18n/messages" + locale + ".properties"), messages(domains, random));
    }
    for (int i = 1; i <= domains; i++) {
      write(resources.resolve("db/migration/V" + i + "__domain_" + i + ".sql"), migration(i));
    }
    write(resources.resolve("static/app.js"), text(random, 120_000));
    write(resources.resolve("static/app.css"), text(random, 40_000));
    for (int i = 1; i <= 10; i++) {
      write(resources.resolve("templates/page" + i + ".html"), "<html><body><p>"
          + text(random, 3_000) + "</p></body></html>\n");
    }
  }

  private static void touch(Path directory, String marker) throws IOException {
    try (var files = Files.walk(directory.resolve("src/main/java"))) {
      Path file = files.filter(path -> path.getFileName().toString().equals("BuildMarker.java"))
          .findFirst().orElseThrow(() -> new IOException("No BuildMarker.java under " + directory));
      String packageName = Files.readString(file).lines().findFirst().orElseThrow()
          .replace("package ", "").replace(";", "");
      write(file, buildMarker(packageName, marker));
    }
  }

  private static String pom(String name, String mainClass) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-parent</artifactId>
            <version>%s</version>
            <relativePath/>
          </parent>
          <groupId>bench</groupId>
          <artifactId>%s</artifactId>
          <version>1.0.0</version>
          <properties>
            <java.version>17</java.version>
            <project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>
            <start-class>%s</start-class>
          </properties>
          <dependencies>
        %s  </dependencies>
          <build>
            <plugins>
        %s
            </plugins>
          </build>
        </project>
        """.formatted(BOOT_VERSION, name, mainClass, dependencies(), plugins());
  }

  /** Runtime dependencies of a typical service: web, JPA, security, metrics, caching, migrations. */
  private static String dependencies() {
    List<String> coordinates = new ArrayList<>(List.of(
        "org.springframework.boot:spring-boot-starter-web",
        "org.springframework.boot:spring-boot-starter-actuator",
        "org.springframework.boot:spring-boot-starter-validation",
        "org.springframework.boot:spring-boot-starter-data-jpa",
        "org.springframework.boot:spring-boot-starter-security",
        "org.springframework.boot:spring-boot-starter-oauth2-resource-server",
        "org.springframework.boot:spring-boot-starter-cache",
        "org.springframework.boot:spring-boot-starter-aop",
        "com.github.ben-manes.caffeine:caffeine",
        "io.micrometer:micrometer-registry-prometheus",
        "org.flywaydb:flyway-core",
        "org.flywaydb:flyway-database-postgresql",
        "org.postgresql:postgresql"));
    StringBuilder xml = new StringBuilder();
    for (String coordinate : coordinates) {
      String[] parts = coordinate.split(":");
      xml.append("    <dependency><groupId>").append(parts[0]).append("</groupId><artifactId>")
          .append(parts[1]).append("</artifactId></dependency>\n");
    }
    return xml.toString();
  }

  /**
   * Returns both plugins with the same base image, target repository and main class, taken from the
   * properties {@code bench.registry} (the local ECR's registry host) and {@code
   * bench.repositoryPrefix}, which the benchmark sets on the command line.
   */
  private static String plugins() {
    return """
              <plugin>
                <groupId>io.github.ecrmaven</groupId>
                <artifactId>ecr-maven-plugin</artifactId>
                <version>%s</version>
                <configuration>
                  <repository>${bench.repositoryPrefix}/${project.artifactId}</repository>
                  <from><image>${bench.registry}/base/java17:17</image></from>
                  <container><mainClass>${start-class}</mainClass></container>
                </configuration>
              </plugin>
              <plugin>
                <groupId>com.google.cloud.tools</groupId>
                <artifactId>jib-maven-plugin</artifactId>
                <version>%s</version>
                <configuration>
                  <from><image>${bench.registry}/base/java17:17</image></from>
                  <to><image>${bench.registry}/${bench.repositoryPrefix}/${project.artifactId}:${project.version}</image></to>
                  <container><mainClass>${start-class}</mainClass></container>
                </configuration>
              </plugin>""".formatted(PLUGIN_VERSION, JIB_VERSION);
  }

  private static String application(String packageName) {
    return """
        package %s;

        import org.springframework.boot.SpringApplication;
        import org.springframework.boot.autoconfigure.SpringBootApplication;
        import org.springframework.cache.annotation.EnableCaching;

        @SpringBootApplication
        @EnableCaching
        public class Application {
          public static void main(String[] args) {
            SpringApplication.run(Application.class, args);
          }
        }
        """.formatted(packageName);
  }

  private static String buildMarker(String packageName, String marker) {
    return """
        package %s;

        /** The class the benchmark changes between a cold and a warm publish. */
        public final class BuildMarker {
          public static final String VALUE = "%s";

          private BuildMarker() {}
        }
        """.formatted(packageName, marker);
  }

  private static void writeDomain(Path sources, String packageName, String domain, Random random)
      throws IOException {
    String lower = domain.toLowerCase(Locale.ROOT);
    String base = packageName + "." + lower;
    Path folder = sources.resolve(lower);
    int fieldCount = 6 + random.nextInt(6);
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < fieldCount; i++) {
      fields.add("field" + i);
    }

    StringBuilder entityFields = new StringBuilder();
    StringBuilder accessors = new StringBuilder();
    StringBuilder recordComponents = new StringBuilder();
    StringBuilder responseComponents = new StringBuilder();
    StringBuilder mapping = new StringBuilder();
    for (String field : fields) {
      String property = Character.toUpperCase(field.charAt(0)) + field.substring(1);
      entityFields.append("  @jakarta.persistence.Column(length = 200)\n  private String ")
          .append(field).append(";\n");
      accessors.append("  public String get").append(property).append("() { return ").append(field)
          .append("; }\n  public void set").append(property).append("(String value) { this.")
          .append(field).append(" = value; }\n");
      recordComponents.append(recordComponents.length() == 0 ? "" : ", ")
          .append("@jakarta.validation.constraints.Size(max = 200) String ").append(field);
      responseComponents.append(", String ").append(field);
      mapping.append("    entity.set").append(property).append("(request.").append(field)
          .append("());\n");
    }
    String responseArguments = String.join(", ",
        fields.stream().map(f -> "entity.get" + Character.toUpperCase(f.charAt(0)) + f.substring(1) + "()")
            .toList());

    write(folder.resolve(domain + "Entity.java"), """
        package %1$s;

        @jakarta.persistence.Entity
        @jakarta.persistence.Table(name = "%2$s")
        public class %3$sEntity {
          @jakarta.persistence.Id
          @jakarta.persistence.GeneratedValue
          private Long id;
        %4$s
          public Long getId() { return id; }
        %5$s}
        """.formatted(base, domain.toLowerCase(Locale.ROOT), domain, entityFields, accessors));
    write(folder.resolve(domain + "Repository.java"), """
        package %1$s;

        public interface %2$sRepository
            extends org.springframework.data.jpa.repository.JpaRepository<%2$sEntity, Long> {
          java.util.List<%2$sEntity> findByField0(String field0);
        }
        """.formatted(base, domain));
    write(folder.resolve(domain + "Request.java"), """
        package %1$s;

        public record %2$sRequest(%3$s) {}
        """.formatted(base, domain, recordComponents));
    write(folder.resolve(domain + "Response.java"), """
        package %1$s;

        public record %2$sResponse(Long id%3$s) {}
        """.formatted(base, domain, responseComponents));
    write(folder.resolve(domain + "Mapper.java"), """
        package %1$s;

        @org.springframework.stereotype.Component
        public class %2$sMapper {
          public %2$sEntity toEntity(%2$sRequest request) {
            %2$sEntity entity = new %2$sEntity();
        %3$s    return entity;
          }

          public %2$sResponse toResponse(%2$sEntity entity) {
            return new %2$sResponse(entity.getId(), %4$s);
          }
        }
        """.formatted(base, domain, mapping, responseArguments));
    write(folder.resolve(domain + "Events.java"), """
        package %1$s;

        @org.springframework.stereotype.Component
        public class %2$sEvents {
          private final org.springframework.context.ApplicationEventPublisher publisher;

          public %2$sEvents(org.springframework.context.ApplicationEventPublisher publisher) {
            this.publisher = publisher;
          }

          public void created(%2$sResponse response) {
            publisher.publishEvent(response);
          }
        }
        """.formatted(base, domain));
    write(folder.resolve(domain + "Service.java"), """
        package %1$s;

        @org.springframework.stereotype.Service
        @org.springframework.transaction.annotation.Transactional
        public class %2$sService {
          private final %2$sRepository repository;
          private final %2$sMapper mapper;
          private final %2$sEvents events;

          public %2$sService(%2$sRepository repository, %2$sMapper mapper, %2$sEvents events) {
            this.repository = repository;
            this.mapper = mapper;
            this.events = events;
          }

          public %2$sResponse create(%2$sRequest request) {
            %2$sResponse response = mapper.toResponse(repository.save(mapper.toEntity(request)));
            events.created(response);
            return response;
          }

          @org.springframework.cache.annotation.Cacheable("%3$s")
          @org.springframework.transaction.annotation.Transactional(readOnly = true)
          public java.util.Optional<%2$sResponse> find(Long id) {
            return repository.findById(id).map(mapper::toResponse);
          }

          @org.springframework.transaction.annotation.Transactional(readOnly = true)
          public java.util.List<%2$sResponse> search(String field0) {
            return repository.findByField0(field0).stream().map(mapper::toResponse).toList();
          }

          public void delete(Long id) {
            repository.deleteById(id);
          }
        }
        """.formatted(base, domain, domain.toLowerCase(Locale.ROOT)));
    write(folder.resolve(domain + "Controller.java"), """
        package %1$s;

        import org.springframework.http.ResponseEntity;
        import org.springframework.web.bind.annotation.*;

        @RestController
        @RequestMapping("/api/%3$s")
        public class %2$sController {
          private final %2$sService service;

          public %2$sController(%2$sService service) {
            this.service = service;
          }

          @PostMapping
          public %2$sResponse create(@jakarta.validation.Valid @RequestBody %2$sRequest request) {
            return service.create(request);
          }

          @GetMapping("/{id}")
          public ResponseEntity<%2$sResponse> find(@PathVariable Long id) {
            return ResponseEntity.of(service.find(id));
          }

          @GetMapping
          public java.util.List<%2$sResponse> search(@RequestParam String field0) {
            return service.search(field0);
          }

          @DeleteMapping("/{id}")
          public void delete(@PathVariable Long id) {
            service.delete(id);
          }
        }
        """.formatted(base, domain, domain.toLowerCase(Locale.ROOT)));
  }

  private static String applicationYaml(String name) {
    return """
        spring:
          application:
            name: %s
          datasource:
            url: jdbc:postgresql://localhost:5432/%s
          jpa:
            open-in-view: false
        management:
          endpoints:
            web:
              exposure:
                include: health,info,prometheus
        """.formatted(name, name.replace("-", "_"));
  }

  private static String messages(int domains, Random random) {
    StringBuilder properties = new StringBuilder();
    for (int i = 1; i <= domains; i++) {
      for (int j = 0; j < 20; j++) {
        properties.append("domain").append(i).append(".message").append(j).append('=')
            .append(text(random, 60)).append('\n');
      }
    }
    return properties.toString();
  }

  private static String migration(int domain) {
    return "create table domain" + String.format(Locale.ROOT, "%02d", domain)
        + " (id bigint primary key, field0 varchar(200), field1 varchar(200));\n";
  }

  /** Returns pseudo-random words of about {@code length} characters. */
  private static String text(Random random, int length) {
    StringBuilder text = new StringBuilder(length + 16);
    while (text.length() < length) {
      int wordLength = 2 + random.nextInt(9);
      for (int i = 0; i < wordLength; i++) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      text.append(text.length() % 80 < 10 ? '\n' : ' ');
    }
    return text.toString();
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to write " + file, e);
    }
  }
}
