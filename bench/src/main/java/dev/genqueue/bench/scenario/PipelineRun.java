package dev.genqueue.bench.scenario;

import dev.genqueue.bench.load.BenchRequests;
import dev.genqueue.bench.load.ResultStream;
import dev.genqueue.common.contract.DeliveryMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code n} instant nano-banana jobs produced at once onto the request topic and followed to their result
 * events: the measurement of scenarios 1 and 6. Throughput runs from the first request sent to the last
 * result event received.
 *
 * @param jobs         jobs sent
 * @param completed    result events received
 * @param startMillis  when sending began
 * @param endMillis    when the last result event arrived
 * @param statuses     result events per status
 */
record PipelineRun(int jobs, int completed, long startMillis, long endMillis, Map<String, Integer> statuses) {

    static PipelineRun run(BenchContext context, String tenant, int jobs) {
        List<BenchRequests.Request> requests = new ArrayList<>(jobs);
        for (int n = 0; n < jobs; n++) {
            requests.add(BenchRequests.request(tenant, n, "nano-banana", "#sim:duration=0s", DeliveryMode.POLLING));
        }
        long start = context.producer().sendAll(requests);
        BenchContext.log("sent " + jobs + " requests for " + tenant + "; waiting for their result events");
        context.results().await(tenant, jobs, BenchContext.patience(jobs, Duration.ofMinutes(2)));
        Map<String, ResultStream.Received> received = context.results().of(tenant);
        long end = received.values().stream().mapToLong(ResultStream.Received::receivedAtMillis).max().orElse(start);
        Map<String, Integer> statuses = new TreeMap<>();
        received.values().forEach(event -> statuses.merge(event.status(), 1, Integer::sum));
        return new PipelineRun(jobs, received.size(), start, end, statuses);
    }

    /** A small run that is not measured: JIT, connection pools and consumer-group assignment settle first. */
    static void warmUp(BenchContext context, int jobs) {
        PipelineRun warm = run(context, context.requests().tenant("warm-up-" + System.nanoTime()), jobs);
        if (!warm.allCompleted()) {
            BenchContext.log("warm-up: only " + warm.completed() + " of " + jobs + " jobs completed");
        }
    }

    double seconds() {
        return Math.max(1, endMillis - startMillis) / 1000.0;
    }

    /** Completed jobs per second, first request to last result event. */
    double jobsPerSecond() {
        return completed / seconds();
    }

    boolean allCompleted() {
        return completed == jobs;
    }

    int succeeded() {
        return statuses.getOrDefault("succeeded", 0);
    }
}
