package it.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Prints what the container gives the program, one fact a line, for the invoker build to check. */
public final class ShowContainer {
  private ShowContainer() {}

  public static void main(String[] args) throws IOException {
    System.out.println("args=" + String.join(" ", args));
    System.out.println("started.by=" + System.getProperty("started.by"));
    System.out.println("cwd=" + Path.of("").toAbsolutePath());
    System.out.println("uid=" + uid());
    System.out.println("GREETING=" + System.getenv("GREETING"));
    for (String file : new String[] {
        "bin", "bin/run.sh", "config/app.conf", "/opt/app-info/info.txt", "/opt/app-home", "/tmp", "/tmp/seed"}) {
      System.out.println("mode " + file + "=" + PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(file))));
    }
    try (Stream<Path> libraries = Files.list(Path.of("/app/libs"))) {
      System.out.println("libs=" + libraries.map(path -> path.getFileName().toString()).sorted()
          .collect(Collectors.joining(",")));
    }
  }

  /** Returns the real user ID from /proc, which needs no user database in the image. */
  private static String uid() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(line -> line.startsWith("Uid:"))
        .map(line -> line.split("\\s+")[1])
        .findFirst()
        .orElse("unknown");
  }
}
