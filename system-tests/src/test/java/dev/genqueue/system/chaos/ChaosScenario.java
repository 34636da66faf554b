package dev.genqueue.system.chaos;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Jobs under fire: the load runs while the monkey kills workers, restarts the broker and restarts PostgreSQL;
 * then everything settles and the audit checks every guarantee.
 */
final class ChaosScenario {

    /** Log line a worker writes when the fencing check refused its write. */
    static final String FENCED = "is stale: another worker owns the job now";

    /** Everything one run of the scenario measured. */
    record Outcome(String tenantId, LoadGenerator.Report load, ChaosMonkey.Report faults, ChaosAudit.Result audit,
            long fencedWrites, long writesGivenUp, Duration wallTime) {
    }

    private ChaosScenario() {
    }

    static Outcome run(ChaosStack stack, ChaosSize size) {
        long started = System.nanoTime();
        long fromMillis = System.currentTimeMillis();
        String tenant = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        ChaosRequests requests = new ChaosRequests(tenant);
        long fencedBefore = stack.workerLogLines(FENCED);
        long givenUpBefore = stack.workerLogLines(DatabaseRestart.WRITE_GIVEN_UP);
        ChaosLog.info("chaos: %d jobs over %s, faults for %s (tenant %s)", size.jobs(), size.load(), size.chaos(),
                tenant);
        LoadGenerator.Report load;
        ChaosMonkey.Report faults;
        try (LoadGenerator generator = new LoadGenerator(stack.stack().api().baseUrl(),
                stack.stack().kafka().bootstrapServers(), requests);
                ChaosMonkey monkey = new ChaosMonkey(stack, size.seed())) {
            CompletableFuture<LoadGenerator.Report> sending =
                    CompletableFuture.supplyAsync(() -> generator.run(0, size.jobs(), size.load()));
            faults = monkey.run(size.chaos(), size.killMin(), size.killMax(), size.brokerAt(), size.postgresAt());
            load = sending.join();
        }
        ChaosLog.info("chaos over: %d kills, broker restarted %d, PostgreSQL restarted %d; settling", faults.kills(),
                faults.brokerRestarts(), faults.postgresRestarts());
        ChaosAudit.Result audit = ChaosAudit.run(stack, tenant, requestIds(requests, size.jobs()), load, fromMillis,
                size.settleTimeout());
        return new Outcome(tenant, load, faults, audit, stack.workerLogLines(FENCED) - fencedBefore,
                stack.workerLogLines(DatabaseRestart.WRITE_GIVEN_UP) - givenUpBefore,
                Duration.ofNanos(System.nanoTime() - started));
    }

    static Set<String> requestIds(ChaosRequests requests, int count) {
        Set<String> ids = new LinkedHashSet<>();
        for (int n = 0; n < count; n++) {
            ids.add(requests.requestId(n));
        }
        return ids;
    }
}
