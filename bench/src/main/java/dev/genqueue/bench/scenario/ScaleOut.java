package dev.genqueue.bench.scenario;

import dev.genqueue.bench.report.Row;
import dev.genqueue.bench.report.ScenarioResult;
import dev.genqueue.bench.report.Units;
import dev.genqueue.bench.report.Verdict;
import dev.genqueue.bench.stack.WorkerSetup;
import java.time.Duration;
import java.util.Map;

/**
 * Scenario 6: the same batch of instant jobs through 3 workers and through 1, with every APIXO answer held back
 * by a fixed latency (a slow provider, as the simulator's latency setting makes it): the throughput ratio. Each
 * worker keeps {@link #POOL_SIZE} connections to APIXO, so one worker is bound by latency × connections, the
 * limit adding workers is meant to lift; with the default pool of 64, three workers at full speed would only
 * measure how many cores the machine has (they share it with PostgreSQL, Kafka and the simulator).
 */
public final class ScaleOut implements Scenario {

    static final double GOAL_RATIO = 2.7;
    static final int POOL_SIZE = 16;

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String title() {
        return "Scale-out";
    }

    @Override
    public ScenarioResult run(BenchContext context) {
        if (!context.stack().managed()) {
            return ScenarioResult.notRun(number(), title(), Verdict.SKIPPED, "needs a managed stack (1 and 3 workers)");
        }
        ScenarioResult.Builder result = new ScenarioResult.Builder(number(), title());
        int jobs = context.sizes().scaleOutJobs();
        Duration latency = context.sizes().scaleOutLatency();
        result.setup(Units.count(jobs) + " instant nano-banana jobs per fleet size, produced at once; every APIXO "
                + "API answer delayed by " + latency.toMillis() + " ms (simulator delay rule on submit, status and "
                + "balance; file downloads undelayed); poll time scale " + Sizes.POLL_SCALE + "; each worker keeps "
                + POOL_SIZE + " APIXO connections (genqueue.apixo.pool-size), so one worker can make at most "
                + POOL_SIZE + " / " + latency.toMillis() + " ms = " + Units.number(POOL_SIZE * 1000.0 / latency.toMillis(), 0)
                + " calls/s, two per job");
        long rule = context.stack().simulator().addLatency(latency);
        try {
            PipelineRun three = measure(context, 3, jobs, result);
            PipelineRun one = measure(context, 1, jobs, result);
            double ratio = three.jobsPerSecond() / Math.max(0.001, one.jobsPerSecond());
            result.value("jobs", jobs).value("completedOne", one.completed()).value("completedThree", three.completed())
                    .value("oneJobsPerSecond", one.jobsPerSecond()).value("threeJobsPerSecond", three.jobsPerSecond())
                    .value("ratio", ratio);
            result.row(Row.info("1 worker", Units.number(one.jobsPerSecond(), 1) + " jobs/s ("
                    + Units.count(one.completed()) + " in " + Units.number(one.seconds(), 1) + " s)"));
            result.row(Row.info("3 workers", Units.number(three.jobsPerSecond(), 1) + " jobs/s ("
                    + Units.count(three.completed()) + " in " + Units.number(three.seconds(), 1) + " s)"));
            result.row(new Row("throughput ratio 3 : 1", "≥ 2.7×", Units.number(ratio, 2) + "×",
                    Verdict.of(one.allCompleted() && three.allCompleted() && ratio >= GOAL_RATIO)));
        } finally {
            context.stack().simulator().removeFault(rule);
        }
        return result.build();
    }

    private static PipelineRun measure(BenchContext context, int workers, int jobs, ScenarioResult.Builder result) {
        context.stack().useWorkers(new WorkerSetup(workers, Sizes.POLL_SCALE,
                Map.of("GENQUEUE_APIXO_POOL_SIZE", Integer.toString(POOL_SIZE))));
        // every worker's intake consumer has its partitions, its pools are open and its code is compiled (JIT)
        // before the clock starts
        PipelineRun.warmUp(context, 100 * workers);
        Probes probes = new Probes(context, "s6-" + workers + "-workers");
        probes.start();
        PipelineRun run = PipelineRun.run(context, context.requests().tenant("scale-" + workers), jobs);
        probes.stop().forEach(note -> result.note(workers + " worker" + (workers == 1 ? "" : "s") + ": " + note));
        return run;
    }
}
