package dev.genqueue.system.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.stack.StackSettings;
import dev.genqueue.stack.service.ServiceProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three worker processes share one APIXO key on the Pro plan (60 requests per window, 10 concurrent tasks),
 * with the rate window scaled from a minute to 20 s on both sides. A backlog of 200 jobs must finish without a
 * single 429, never above 10 tasks at once, and use at least 90 % of the requests the plan allows.
 */
class FleetQuotaIT {

    private static final int JOBS = 200;
    private static final int PLAN_REQUESTS = 60;
    private static final int PLAN_TASKS = 10;
    private static final Duration WINDOW = Duration.ofSeconds(20);
    private static final String TENANT = "fleet-quota";

    private static Fleet fleet;

    @BeforeAll
    static void startFleet() {
        String window = WINDOW.toSeconds() + "s";
        fleet = Fleet.start("quota", 3, 0.02, 0.2, false,
                Map.of("APIXO_SIM_KEYS", StackSettings.SIMULATOR_API_KEY + ":" + PLAN_REQUESTS + "/" + PLAN_TASKS
                                + ":1000000",
                        "APIXO_SIM_RATE_LIMIT_WINDOW", window),
                Map.of("GENQUEUE_WORKER_QUOTA_REQUESTS_PER_WINDOW", Integer.toString(PLAN_REQUESTS),
                        "GENQUEUE_WORKER_QUOTA_WINDOW", window,
                        "GENQUEUE_WORKER_QUOTA_MAX_CONCURRENT_TASKS", Integer.toString(PLAN_TASKS)));
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void threeWorkersTogetherStayWithinThePlanAndUseAtLeastNinetyPercentOfIt() {
        Map<String, String> requests = new LinkedHashMap<>();
        for (int i = 0; i < JOBS; i++) {
            String id = "quota-" + i;
            // 0.8 s of rendering, done before the first status query (1 s): each job needs two requests
            requests.put(id, "{\"requestId\":\"" + id + "\",\"tenantId\":\"" + TENANT + "\",\"model\":\"nano-banana\","
                    + "\"input\":{\"prompt\":\"a paced picture " + i + " #sim:duration=40s\"}}");
        }

        fleet.sendRequests(requests);

        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).until(() -> fleet.number(
                "SELECT count(*) FROM job WHERE tenant_id = ? AND status IN ('SUCCEEDED', 'FAILED', 'TIMED_OUT')",
                TENANT) == JOBS);
        assertThat(fleet.number("SELECT count(*) FROM job WHERE tenant_id = ? AND status = 'SUCCEEDED'", TENANT))
                .isEqualTo(JOBS);

        JsonNode stats = fleet.simulatorStats(false);
        JsonNode key = stats.path("keys").path(StackSettings.SIMULATOR_API_KEY);
        JsonNode calls = stats.path("callsByKey").path(StackSettings.SIMULATOR_API_KEY);
        long requestsMade = calls.path("submit").asLong() + calls.path("status").asLong()
                + calls.path("balance").asLong();
        // the backlog: from the moment all 200 jobs are queued (intake takes a few seconds while the three
        // consumers join their group) to the last submit; only the plan limits requests in that span
        String span = """
                WITH span AS (SELECT (SELECT max(accepted_at) FROM job WHERE tenant_id = ?) AS first,
                                     (SELECT max(t.at) FROM job_transition t JOIN job j ON j.id = t.job_id
                                       WHERE j.tenant_id = ? AND t.to_status = 'SUBMITTING') AS last)
                """;
        double backlog = fleet.number(span + "SELECT extract(epoch FROM last - first) FROM span", TENANT, TENANT);
        double backlogRequests = fleet.number(span + """
                SELECT count(*) FROM job_transition t JOIN job j ON j.id = t.job_id, span
                 WHERE j.tenant_id = ? AND t.to_status IN ('SUBMITTING', 'DOWNLOADING')
                   AND t.at BETWEEN span.first AND span.last""", TENANT, TENANT, TENANT);
        double whole = fleet.number("""
                SELECT extract(epoch FROM max(t.at) FILTER (WHERE t.to_status = 'DOWNLOADING')
                                        - min(t.at) FILTER (WHERE t.to_status = 'SUBMITTING'))
                  FROM job_transition t JOIN job j ON j.id = t.job_id WHERE j.tenant_id = ?""", TENANT);
        double share = backlogRequests / (PLAN_REQUESTS * backlog / WINDOW.toSeconds());
        double wholeShare = requestsMade / (PLAN_REQUESTS * whole / WINDOW.toSeconds());
        double reslotted = fleet.stack().workers().stream()
                .mapToDouble(worker -> fleet.metric(worker, "genqueue_worker_quota_reslotted_total")).sum();
        System.out.printf("fleet quota: %d jobs, %d requests (%d submits, %d status, %d balance); backlog %.1f s: "
                        + "%.0f requests = %.1f %% of the plan; whole run %.1f s: %.1f %% of the plan; 429s %d; "
                        + "max concurrency %d; %.1f jobs per window; %.0f requests took a new slot%n", JOBS,
                requestsMade,
                calls.path("submit").asLong(), calls.path("status").asLong(), calls.path("balance").asLong(), backlog,
                backlogRequests, share * 100, whole, wholeShare * 100, stats.path("tooManyRequests").asLong(),
                key.path("maxConcurrency").asInt(), JOBS / (whole / WINDOW.toSeconds()), reslotted);

        // every job needed exactly a submit and one status query, so the transitions time every request
        assertThat(calls.path("status").asLong()).isEqualTo(JOBS);
        assertThat(stats.path("tooManyRequests").asLong()).isZero();
        assertThat(stats.path("responsesByStatus").path("429").asLong()).isZero();
        assertThat(key.path("maxConcurrency").asInt()).isBetween(1, PLAN_TASKS);
        assertThat(share).isGreaterThanOrEqualTo(0.90);
        for (ServiceProcess worker : fleet.stack().workers()) {
            assertThat(fleet.metric(worker, "genqueue_worker_jobs_claimed_total")).as(worker.name()).isPositive();
        }
    }
}
