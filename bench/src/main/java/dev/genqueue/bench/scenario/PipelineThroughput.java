package dev.genqueue.bench.scenario;

import dev.genqueue.bench.probe.Database;
import dev.genqueue.bench.probe.SimulatorApi;
import dev.genqueue.bench.report.Row;
import dev.genqueue.bench.report.ScenarioResult;
import dev.genqueue.bench.report.Units;
import dev.genqueue.bench.report.Verdict;
import dev.genqueue.bench.stack.WorkerSetup;
import java.time.Duration;

/**
 * Scenario 1: instant tasks on an unlimited plan, every stage real (Kafka intake, claim, submit, poll, download
 * and sha256, state writes, outbox relay): jobs/s from the first request to the last result event, with the
 * database transactions and APIXO HTTP calls each job cost.
 */
public final class PipelineThroughput implements Scenario {

    static final double GOAL_JOBS_PER_SECOND = 1_000;
    static final int WARM_UP_JOBS = 200;

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String title() {
        return "Pipeline throughput";
    }

    @Override
    public ScenarioResult run(BenchContext context) {
        ScenarioResult.Builder result = new ScenarioResult.Builder(number(), title());
        if (!context.stack().useWorkers(WorkerSetup.of(1, Sizes.POLL_SCALE))) {
            return ScenarioResult.notRun(number(), title(), Verdict.SKIPPED, "needs exactly 1 worker");
        }
        int jobs = context.sizes().pipelineJobs();
        String tenant = context.requests().tenant("pipeline");
        Database database = context.stack().database();
        SimulatorApi simulator = context.stack().simulator();
        result.setup(Units.count(jobs) + " nano-banana jobs (instant tasks: `#sim:duration=0s`, no pending phase, "
                + "1 output of 64×64 PNG each) produced at once onto genqueue.requests.v1; 1 worker, poll time scale "
                + context.stack().pollScale() + " (first status query 0.5 s after the submit); unlimited plan");

        PipelineRun.warmUp(context, Math.min(WARM_UP_JOBS, context.sizes().pipelineJobs() / 5));
        Duration settle = context.sizes().statsSettle();
        pause(settle);
        SimulatorApi.Counters callsBefore = simulator.counters();
        long transactionsBefore = database.committedTransactions();
        Probes probes = new Probes(context, "s1-pipeline");
        probes.start();
        PipelineRun run = PipelineRun.run(context, tenant, jobs);
        probes.stop().forEach(result::note);
        context.pipelineJobsPerSecond(run.jobsPerSecond());

        pause(settle);
        long transactions = database.committedTransactions() - transactionsBefore;
        SimulatorApi.Counters calls = simulator.counters().minus(callsBefore);
        int completed = Math.max(1, run.completed());

        result.row(new Row("jobs/s, first request → last result event", "≥ 1,000 jobs/s",
                Units.number(run.jobsPerSecond(), 0) + " jobs/s (" + Units.count(run.completed()) + " in "
                        + Units.number(run.seconds(), 1) + " s)",
                Verdict.of(run.allCompleted() && run.jobsPerSecond() >= GOAL_JOBS_PER_SECOND)));
        result.row(Row.info("DB transactions per job", Units.number((double) transactions / completed, 2)
                + " (xact_commit +" + Units.count(transactions) + ")"));
        result.row(Row.info("HTTP calls per job (submit + status + download)",
                Units.number((double) (calls.submits() + calls.statusCalls() + calls.fileDownloads()) / completed, 2)
                        + " (" + Units.number((double) calls.submits() / completed, 2) + " + "
                        + Units.number((double) calls.statusCalls() / completed, 2) + " + "
                        + Units.number((double) calls.fileDownloads() / completed, 2) + ")"));
        result.value("jobs", jobs).value("completed", run.completed()).value("jobsPerSecond", run.jobsPerSecond())
                .value("transactionsPerJob", (double) transactions / completed)
                .value("httpCallsPerJob", (double) (calls.submits() + calls.statusCalls() + calls.fileDownloads())
                        / completed);
        result.note("result events by status: " + run.statuses() + "; duplicates dropped by the consumer so far: "
                + context.results().duplicates());
        result.note("xact_commit is database-wide: it includes the idle background (claim ticks every 100 ms, outbox "
                + "relay safety net every 500 ms) of the run and of the " + settle.toSeconds() + " s waited before and "
                + "after it for PostgreSQL to flush every backend's counts");
        return result.build();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
