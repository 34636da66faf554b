package dev.genqueue.bench.scenario;

import dev.genqueue.bench.load.BenchRequests;
import dev.genqueue.bench.load.ResultStream;
import dev.genqueue.bench.probe.Database;
import dev.genqueue.bench.probe.SimulatorApi;
import dev.genqueue.bench.report.Percentiles;
import dev.genqueue.bench.report.Row;
import dev.genqueue.bench.report.ScenarioResult;
import dev.genqueue.bench.report.Units;
import dev.genqueue.bench.report.Verdict;
import dev.genqueue.bench.stack.WorkerSetup;
import dev.genqueue.common.catalogue.PollProfile;
import dev.genqueue.common.contract.DeliveryMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3: requests arrive on the topic at half the throughput scenario 1 measured, half of them callback
 * jobs, half polling jobs. Measured per job: request sent → APIXO task created (simulator createTime), and APIXO
 * completion (completeTime) → result event received; for polling jobs also what the poll schedule alone implies.
 */
public final class Latency implements Scenario {

    private static final String MODEL = "nano-banana";
    /** nano-banana's catalogue duration, 10–15 s, at the poll scale: real proportions, ten times faster. */
    private static final Duration MIN = Duration.ofMillis(Math.round(10_000 * Sizes.POLL_SCALE));
    private static final Duration MAX = Duration.ofMillis(Math.round(15_000 * Sizes.POLL_SCALE));
    private static final double FALLBACK_RATE = 100;
    private static final int MAX_JOBS = 30_000;

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String title() {
        return "Latency";
    }

    @Override
    public ScenarioResult run(BenchContext context) {
        if (!context.stack().useWorkers(WorkerSetup.of(1, Sizes.POLL_SCALE))) {
            return ScenarioResult.notRun(number(), title(), Verdict.SKIPPED, "needs exactly 1 worker");
        }
        ScenarioResult.Builder result = new ScenarioResult.Builder(number(), title());
        double rate = context.pipelineJobsPerSecond().orElse(2 * FALLBACK_RATE) / 2;
        int jobs = (int) Math.max(10, Math.min(MAX_JOBS, rate * context.sizes().latencyDuration().toSeconds()));
        String tenant = context.requests().tenant("latency");
        SimulatorApi simulator = context.stack().simulator();
        double scale = context.stack().pollScale();
        result.setup(Units.count(jobs) + " nano-banana jobs at " + Units.number(rate, 0)
                + " jobs/s (half of scenario 1's throughput) for " + context.sizes().latencyDuration().toSeconds()
                + " s, alternately callback and polling; task durations " + MIN.toMillis() + "–" + MAX.toMillis()
                + " ms, poll time scale " + scale + " (nano-banana: first query after "
                + Math.round(5000 * scale) + " ms, then every " + Math.round(3000 * scale) + " ms × 1.5ⁿ); callbacks "
                + "go simulator → api-service webhook → NOTIFY → worker, which confirms with one status query");

        simulator.modelDuration(MODEL, MIN, MAX);
        try {
            List<BenchRequests.Request> requests = new ArrayList<>(jobs);
            for (int n = 0; n < jobs; n++) {
                requests.add(BenchRequests.request(tenant, n, MODEL, "",
                        n % 2 == 0 ? DeliveryMode.CALLBACK : DeliveryMode.POLLING));
            }
            Probes probes = new Probes(context, "s3-latency");
            probes.start();
            context.producer().sendPaced(requests, rate);
            context.results().await(tenant, jobs, BenchContext.patience(jobs, Duration.ofMinutes(1)));
            probes.stop().forEach(result::note);
        } finally {
            simulator.resetModelDurations();
        }
        measure(context, tenant, jobs, scale, result);
        return result.build();
    }

    private void measure(BenchContext context, String tenant, int jobs, double scale, ScenarioResult.Builder result) {
        Map<String, ResultStream.Received> events = context.results().of(tenant);
        Map<String, SimulatorApi.Task> tasks = context.stack().simulator().tasks();
        List<Long> toSubmit = new ArrayList<>();
        List<Long> callbackToEvent = new ArrayList<>();
        List<Long> pollingToEvent = new ArrayList<>();
        List<Long> pollingSchedule = new ArrayList<>();
        int callbackJobs = 0;
        long callbackStatusCalls = 0;
        for (Database.JobRow job : context.stack().database().jobs(tenant)) {
            SimulatorApi.Task task = job.taskId() == null ? null : tasks.get(job.taskId());
            long sent = context.producer().sentAt(job.requestId());
            if (task == null || sent == 0) {
                continue;
            }
            toSubmit.add(task.createTime() - sent);
            ResultStream.Received event = events.get(job.requestId());
            if (event == null || task.completeTime() < 0) {
                continue;
            }
            long afterCompletion = event.receivedAtMillis() - task.completeTime();
            if ("CALLBACK".equals(job.delivery())) {
                callbackJobs++;
                callbackStatusCalls += task.statusCalls();
                callbackToEvent.add(afterCompletion);
            } else {
                pollingToEvent.add(afterCompletion);
                pollingSchedule.add(PollPlan.of(PollProfile.IMAGE_FAST, scale, task.createTime(), task.completeTime())
                        .delayAfter(task.completeTime()));
            }
        }
        Percentiles submit = Percentiles.of(toSubmit);
        Percentiles callback = Percentiles.of(callbackToEvent);
        Percentiles polling = Percentiles.of(pollingToEvent);
        Percentiles schedule = Percentiles.of(pollingSchedule);
        result.row(Row.info("request → APIXO submit", submit.summary()));
        result.row(new Row("APIXO completion → result event, callback jobs", "p99 ≤ 100 ms", callback.summary(),
                callback.isEmpty() ? Verdict.MISS : Verdict.of(callback.at(99) <= 100)));
        result.row(Row.info("APIXO completion → result event, polling jobs (schedule alone)",
                polling.summary() + " (schedule: p50 " + Units.millis(schedule.at(50)) + " / p99 "
                        + Units.millis(schedule.at(99)) + ")"));
        result.value("jobs", jobs).value("completed", events.size()).value("callbackJobs", callback.count())
                .value("pollingJobs", polling.count()).value("submitP99Millis", submit.at(99))
                .value("callbackP99Millis", callback.at(99));
        result.note(events.size() + " of " + jobs + " result events arrived; callback jobs made "
                + Units.number(callbackJobs == 0 ? 0 : (double) callbackStatusCalls / callbackJobs, 2)
                + " status queries each (confirmation of the callback, plus any safety poll)");
    }
}
