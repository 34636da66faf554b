package dev.genqueue.bench.scenario;

import dev.genqueue.bench.load.BenchRequests;
import dev.genqueue.bench.probe.SimulatorApi;
import dev.genqueue.bench.report.Row;
import dev.genqueue.bench.report.ScenarioResult;
import dev.genqueue.bench.report.Units;
import dev.genqueue.bench.report.Verdict;
import dev.genqueue.bench.stack.WorkerSetup;
import dev.genqueue.common.contract.DeliveryMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 7: three workers share a plan-limited key (requests per rate window and concurrent tasks, the
 * window shortened on both sides to the sizes' rate window) with more queued work than the plan
 * allows. Measured over whole windows after the first: the share of the plan's requests used, and 429s.
 */
public final class QuotaUse implements Scenario {

    private static final int WORKERS = 3;
    private static final Duration TASK = Duration.ofSeconds(2);
    // share of the plan the fleet aims at: the goal (95 %) is above the product's default headroom (0.95)
    private static final double HEADROOM = 0.98;

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String title() {
        return "Quota use";
    }

    @Override
    public ScenarioResult run(BenchContext context) {
        if (!context.stack().managed()) {
            return ScenarioResult.notRun(number(), title(), Verdict.SKIPPED, "needs a managed stack (worker quota)");
        }
        ScenarioResult.Builder result = new ScenarioResult.Builder(number(), title());
        int perWindow = context.sizes().quotaRequestsPerWindow();
        int concurrent = context.sizes().quotaConcurrent();
        Duration window = context.sizes().rateWindow();
        Duration measured = context.sizes().quotaDuration();
        // no worker runs after clearJobs, so the simulator can start afresh: its statistics (read at both ends of
        // the window, rendered on its event loop) then stay small
        context.stack().clearJobs();
        context.stack().restartSimulator();
        String key = "bench-quota-" + UUID.randomUUID().toString().substring(0, 8);
        SimulatorApi plan = context.stack().simulator().addKey(key, perWindow, concurrent, 1_000_000);
        double perSecond = perWindow / (double) window.toSeconds();
        // enough for the whole measurement even at two requests per job: the plan, not the queue, is the limit
        int jobs = (int) Math.ceil(perSecond * (measured.toSeconds() + 2 * window.toSeconds()) / 2);
        result.setup(WORKERS + " workers sharing a key with a plan of " + perWindow + " requests per "
                + window.toSeconds() + " s and " + concurrent + " concurrent tasks (genqueue.worker.quota: the same "
                + "numbers, headroom " + HEADROOM + "); " + Units.count(jobs) + " nano-banana polling jobs of "
                + TASK.toSeconds() + " s queued at once; measured over " + measured.toSeconds() + " s after a first "
                + window.toSeconds() + " s window");
        context.stack().useWorkers(new WorkerSetup(WORKERS, Sizes.POLL_SCALE, Map.of(
                "APIXO_API_KEY", key,
                "GENQUEUE_WORKER_QUOTA_REQUESTS_PER_WINDOW", Integer.toString(perWindow),
                "GENQUEUE_WORKER_QUOTA_WINDOW", window.toMillis() + "ms",
                "GENQUEUE_WORKER_QUOTA_MAX_CONCURRENT_TASKS", Integer.toString(concurrent),
                "GENQUEUE_WORKER_QUOTA_HEADROOM", Double.toString(HEADROOM))));
        String tenant = context.requests().tenant("quota");
        List<BenchRequests.Request> requests = new ArrayList<>(jobs);
        for (int n = 0; n < jobs; n++) {
            requests.add(BenchRequests.request(tenant, n, "nano-banana", "#sim:duration=" + TASK.toSeconds() + "s",
                    DeliveryMode.POLLING));
        }
        context.producer().sendAll(requests);
        PipelineThroughput.pause(window);

        Probes probes = new Probes(context, "s7-quota");
        probes.start();
        SimulatorApi.Counters before = plan.counters();
        PipelineThroughput.pause(measured);
        SimulatorApi.Counters used = plan.counters().minus(before);
        probes.stop().forEach(result::note);

        double allowance = perWindow * (measured.toMillis() / (double) window.toMillis());
        long admitted = used.apiCalls() - used.tooManyRequests();
        double share = admitted / allowance;
        result.row(new Row("share of the plan's requests used", "≥ 95 %", Units.percent(share) + " ("
                + Units.count(admitted) + " of " + Units.number(allowance, 0) + ")", Verdict.of(share >= 0.95)));
        result.row(new Row("429 answers", "0", Units.count(used.tooManyRequests()),
                Verdict.of(used.tooManyRequests() == 0)));
        result.value("admitted", admitted).value("share", share).value("tooManyRequests", used.tooManyRequests());
        result.note("admitted requests: " + used.submits() + " submits, " + used.statusCalls() + " status, "
                + used.balanceCalls() + " balance (429s included in these counts: " + used.tooManyRequests() + "); "
                + context.results().count(tenant) + " of " + jobs + " jobs finished by the end");
        return result.build();
    }
}
