package io.github.ecrmaven.image;

import java.util.ArrayList;
import java.util.List;

/** Builds the {@code java} entrypoint of the packaged and Spring Boot modes. */
final class JavaCommand {
  private JavaCommand() {}

  /** Returns {@code java <jvmFlags> -cp <classPath> <mainClass>}. */
  static List<String> of(List<String> jvmFlags, String classPath, String mainClass) {
    List<String> command = new ArrayList<>();
    command.add("java");
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    return command;
  }
}
