package io.github.ecrmaven.testing;

import java.io.File;
import java.util.List;

/**
 * Runs an image from the local ECR with podman and prints its output, for the demo script.
 *
 * <pre>RunPushedImage LOCAL_ECR_DIR IMAGE_REFERENCE</pre>
 *
 * <p>It logs in with a fresh authorization token from the local ECR's API and exits with the
 * container's exit code.
 */
public final class RunPushedImage {
  private RunPushedImage() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("Usage: RunPushedImage LOCAL_ECR_DIR IMAGE_REFERENCE");
      System.exit(2);
    }
    LocalEcrAccess access = LocalEcrAccess.fromDirectory(new File(args[0]).toPath());
    ExternalTool.Result result = access.runImage(args[1], List.of());
    System.out.print(result.stdout());
    System.err.print(result.stderr());
    System.exit(result.exitCode());
  }
}
