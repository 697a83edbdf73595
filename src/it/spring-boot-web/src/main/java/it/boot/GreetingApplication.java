package it.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A web application that responds to GET /greeting. */
@SpringBootApplication
@RestController
public class GreetingApplication {
  public static void main(String[] args) {
    SpringApplication.run(GreetingApplication.class, args);
  }

  @GetMapping("/greeting")
  public String greeting() {
    return "hello from Spring Boot " + SpringApplication.class.getPackage().getImplementationVersion();
  }
}
