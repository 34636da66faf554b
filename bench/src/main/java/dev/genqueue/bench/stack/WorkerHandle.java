package dev.genqueue.bench.stack;

/**
 * A running worker-service as the probes need it.
 *
 * @param name    process name (also its log file's name in a managed stack)
 * @param baseUrl its HTTP root, for {@code /q/metrics}
 * @param pid     operating-system process id, or -1 when unknown
 */
public record WorkerHandle(String name, String baseUrl, long pid) {
}
