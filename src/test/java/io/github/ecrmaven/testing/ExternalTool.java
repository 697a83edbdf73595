package io.github.ecrmaven.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An external program, such as podman, skopeo or ldd, run with a time limit.
 *
 * <p>Standard output and standard error are kept apart. Error messages include the command line,
 * so callers pass secrets through standard input or a file, not through arguments.
 */
public final class ExternalTool {

  private final String name;
  private final Path executable;

  private ExternalTool(String name, Path executable) {
    this.name = name;
    this.executable = executable;
  }

  /**
   * Finds {@code name} on the {@code PATH}.
   *
   * @param installHint the command that installs the program, shown when it is missing
   * @throws IllegalStateException if no executable file of that name is on the {@code PATH}
   */
  public static ExternalTool locate(String name, String installHint) {
    String path = System.getenv().getOrDefault("PATH", "");
    List<String> folders = new ArrayList<>(List.of(path.split(":")));
    // Debian keeps runc and other administration tools in sbin, which a non-login PATH may lack.
    folders.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin"));
    for (String folder : folders) {
      if (folder.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(folder, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return new ExternalTool(name, candidate);
      }
    }
    throw new IllegalStateException(name + " not found: install it with `" + installHint + "`");
  }

  /**
   * Returns a tool for the executable at {@code executable}.
   *
   * @param installHint the command that installs the program, shown when it is missing
   * @throws IllegalStateException if the file is missing or not executable
   */
  public static ExternalTool at(Path executable, String installHint) {
    String name = executable.getFileName().toString();
    if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
      throw new IllegalStateException(executable + " not found: install it with `" + installHint + "`");
    }
    return new ExternalTool(name, executable);
  }

  /** Returns the absolute path of the executable. */
  public Path executable() {
    return executable;
  }

  /**
   * Runs the program and waits for it to end.
   *
   * @param arguments the arguments after the program name
   * @param environment variables added to this JVM's environment
   * @param standardInput bytes written to the program's standard input, or {@code null} for none
   * @param timeout the maximum run time, after which the program and its child processes are killed
   * @return the exit code, standard output and standard error
   * @throws ExternalToolException if the program runs longer than {@code timeout}
   */
  public Result run(
      List<String> arguments, Map<String, String> environment, byte[] standardInput, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    if (standardInput == null) {
      builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    }

    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to start " + String.join(" ", command), e);
    }
    OutputCollector stdout = new OutputCollector(process.getInputStream());
    OutputCollector stderr = new OutputCollector(process.getErrorStream());
    stdout.start();
    stderr.start();
    try {
      if (standardInput != null) {
        try (OutputStream stdin = process.getOutputStream()) {
          stdin.write(standardInput);
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        stdout.join(TimeUnit.SECONDS.toMillis(5));
        stderr.join(TimeUnit.SECONDS.toMillis(5));
        throw new ExternalToolException(
            name + " timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command)
                + "\nOutput so far:\n" + stdout.text() + stderr.text());
      }
      stdout.join();
      stderr.join();
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException("Failed to write the standard input of " + name, e);
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ExternalToolException(name + " was interrupted: " + String.join(" ", command));
    }
    return new Result(command, process.exitValue(), stdout.text(), stderr.text());
  }

  /**
   * Runs the program like {@link #run} and requires exit code 0.
   *
   * @throws ExternalToolException if the program fails or times out
   */
  public Result runOrFail(
      List<String> arguments, Map<String, String> environment, byte[] standardInput, Duration timeout) {
    Result result = run(arguments, environment, standardInput, timeout);
    if (result.exitCode() != 0) {
      throw new ExternalToolException(
          name + " failed with exit code " + result.exitCode() + ": " + String.join(" ", result.command())
              + "\n" + result.output());
    }
    return result;
  }

  /**
   * The end of a run.
   *
   * @param command the program and its arguments, free of secrets
   * @param exitCode the program's exit code
   * @param stdout standard output
   * @param stderr standard error
   */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {

    /** Returns standard output followed by standard error. */
    public String output() {
      return stdout + stderr;
    }
  }

  /** Raised when an external program fails, times out or is interrupted. */
  public static final class ExternalToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExternalToolException(String message) {
      super(message);
    }
  }

  /** Reads a process's output on its own thread, so that a full pipe never blocks the process. */
  private static final class OutputCollector extends Thread {
    private final InputStream input;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    OutputCollector(InputStream input) {
      this.input = input;
      setDaemon(true);
    }

    @Override
    public void run() {
      byte[] chunk = new byte[8192];
      try {
        int count;
        while ((count = input.read(chunk)) >= 0) {
          synchronized (buffer) {
            buffer.write(chunk, 0, count);
          }
        }
      } catch (IOException e) {
        // The stream closes when a timed-out process is killed. The text read so far is kept.
      }
    }

    String text() {
      synchronized (buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
