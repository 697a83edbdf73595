import java.nio.file.Path;
import java.util.Map;

/**
 * One measured {@code mvn} run of {@link Benchmark}: times in milliseconds, ECR API calls by
 * operation, the registry's body bytes in and out during the run, and the share of the machine's CPU
 * time that was busy during the run (0 to 1, all processes and cores together).
 */
record MeasuredRun(String tool, String kind, int iteration, String threads, String repositoryPrefix,
    long wallMillis, long mojoMillis, int exitCode, Map<String, Integer> apiCalls,
    long bytesReceived, long bytesSent, int baseLayerGets, long baseLayerBytesSent,
    int mounts, long changedLayerBytes, long configAndManifestBytes, String loadBefore, double cpuBusy, Path log) {

  int apiCallCount() {
    return apiCalls.values().stream().mapToInt(Integer::intValue).sum();
  }
}
