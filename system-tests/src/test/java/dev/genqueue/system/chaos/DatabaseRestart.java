package dev.genqueue.system.chaos;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * PostgreSQL restarts while APIXO submits are in flight: every job has committed its intent and waits for
 * APIXO's answer (held back by the simulator) when the database goes away, so each answer's task id has to be
 * written over a connection pool full of dead connections. No task id may be lost (a lost one becomes an
 * orphaned submit and a second paid task); REST clients that post meanwhile are told to retry.
 */
final class DatabaseRestart {

    private static final int IN_FLIGHT = 30;
    private static final int POSTED_DURING_RESTART = 10;
    private static final String SLOW_SUBMITS = """
            {"endpoint": "submit", "effect": {"type": "delay", "delayMs": 4000}}
            """;

    /** What the scenario measured. */
    record Outcome(String tenantId, Duration restart, long submittingAtRestart, LoadGenerator.Report during,
            ChaosAudit.Result audit, long writesGivenUp) {
    }

    /** Worker log line when a state write failed for good. */
    static final String WRITE_GIVEN_UP = ": state write ";

    private DatabaseRestart() {
    }

    static Outcome run(ChaosStack stack, ChaosSize size) {
        long fromMillis = System.currentTimeMillis();
        String tenant = "pg-restart-" + UUID.randomUUID().toString().substring(0, 8);
        ChaosRequests requests = new ChaosRequests(tenant);
        long givenUpBefore = stack.workerLogLines(WRITE_GIVEN_UP);
        ChaosLog.info("database restart: %d submits in flight (tenant %s)", IN_FLIGHT, tenant);
        LoadGenerator.Report during;
        Duration restart;
        long submitting;
        stack.addSimulatorFault(SLOW_SUBMITS);
        try (LoadGenerator before = new LoadGenerator(stack.stack().api().baseUrl(),
                stack.stack().kafka().bootstrapServers(), requests);
                LoadGenerator meanwhile = new LoadGenerator(stack.stack().api().baseUrl(),
                        stack.stack().kafka().bootstrapServers(), requests)) {
            before.run(0, IN_FLIGHT, Duration.ofMillis(500));
            submitting = awaitSubmitting(stack.db(), tenant);
            CompletableFuture<LoadGenerator.Report> posting = CompletableFuture.supplyAsync(
                    () -> meanwhile.run(IN_FLIGHT, POSTED_DURING_RESTART, Duration.ofSeconds(3)));
            long started = System.nanoTime();
            stack.stack().postgres().restart();
            restart = Duration.ofNanos(System.nanoTime() - started);
            ChaosLog.info("PostgreSQL restarted in %.1f s with %d submits in flight", restart.toMillis() / 1000.0,
                    submitting);
            during = posting.join();
        } finally {
            stack.clearSimulatorFaults();
        }
        int jobs = IN_FLIGHT + POSTED_DURING_RESTART;
        ChaosAudit.Result audit = ChaosAudit.run(stack, tenant, ChaosScenario.requestIds(requests, jobs), during,
                fromMillis, size.settleTimeout());
        return new Outcome(tenant, restart, submitting, during, audit,
                stack.workerLogLines(WRITE_GIVEN_UP) - givenUpBefore);
    }

    // every intent committed, every answer still held back by the simulator
    private static long awaitSubmitting(ChaosDatabase db, String tenant) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long submitting = 0;
        while (System.nanoTime() < deadline) {
            submitting = db.number("SELECT count(*) FROM job WHERE tenant_id = ? AND status = 'SUBMITTING'", tenant);
            if (submitting >= IN_FLIGHT) {
                return submitting;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return submitting;
    }
}
