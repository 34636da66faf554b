package dev.genqueue.system.chaos;

import dev.genqueue.stack.service.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A deployment's rolling restart under load: each worker in turn gets SIGTERM, is waited for and started
 * again, as an orchestrator would do it. Graceful stops must leave nothing behind: no lease held, no
 * submit with an unknown outcome, no job lost or finished twice.
 */
final class RollingRestart {

    private static final String HELD_BY = "SELECT count(*) FROM job WHERE lease_owner = ? AND next_run_at > now()";
    private static final String SLOW_APIXO = """
            {"endpoint": "any", "effect": {"type": "delay", "delayMs": 1500}}
            """;

    /** One worker's graceful stop: how long SIGTERM took to end it, and what it still held before and after. */
    record Stop(String worker, Duration took, int exitCode, long leasedBefore, long leasedAfter) {
    }

    /** Everything the rolling restart measured. */
    record Outcome(String tenantId, LoadGenerator.Report load, List<Stop> stops, ChaosAudit.Result audit,
            long fencedWrites, Duration wallTime) {
    }

    private RollingRestart() {
    }

    static Outcome run(ChaosStack stack, ChaosSize size) {
        long started = System.nanoTime();
        long fromMillis = System.currentTimeMillis();
        String tenant = "rolling-" + UUID.randomUUID().toString().substring(0, 8);
        ChaosRequests requests = new ChaosRequests(tenant);
        long fencedBefore = stack.workerLogLines(ChaosScenario.FENCED);
        ChaosLog.info("rolling restart: %d jobs over %s (tenant %s)", size.rollingJobs(), size.rollingLoad(), tenant);
        List<Stop> stops = new ArrayList<>();
        LoadGenerator.Report load;
        try (LoadGenerator generator = new LoadGenerator(stack.stack().api().baseUrl(),
                stack.stack().kafka().bootstrapServers(), requests)) {
            CompletableFuture<LoadGenerator.Report> sending =
                    CompletableFuture.supplyAsync(() -> generator.run(0, size.rollingJobs(), size.rollingLoad()));
            // every APIXO call takes a while, so each worker has calls in flight when its SIGTERM comes
            stack.addSimulatorFault(SLOW_APIXO);
            try {
                pause(size.rollingLoad().dividedBy(8));
                for (ServiceProcess worker : stack.workers()) {
                    stops.add(restart(stack, worker));
                }
            } finally {
                stack.clearSimulatorFaults();
            }
            load = sending.join();
        }
        ChaosAudit.Result audit = ChaosAudit.run(stack, tenant, ChaosScenario.requestIds(requests, size.rollingJobs()),
                load, fromMillis, size.settleTimeout());
        return new Outcome(tenant, load, stops, audit, stack.workerLogLines(ChaosScenario.FENCED) - fencedBefore,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static Stop restart(ChaosStack stack, ServiceProcess worker) {
        long before = stack.db().number(HELD_BY, worker.name());
        long sent = System.nanoTime();
        worker.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        long after = stack.db().number(HELD_BY, worker.name());
        Stop stop = new Stop(worker.name(), took, worker.exitCode(), before, after);
        ChaosLog.info("SIGTERM %s: exited %d after %.1f s; leases held before %d, after %d", worker.name(),
                stop.exitCode(), took.toMillis() / 1000.0, before, after);
        long starting = System.nanoTime();
        worker.start();
        ChaosLog.info("%s up again after %.1f s", worker.name(), (System.nanoTime() - starting) / 1e9);
        return stop;
    }

    // lets work get in flight before the first stop
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
