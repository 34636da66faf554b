package dev.genqueue.bench;

import dev.genqueue.bench.probe.Profiler;
import dev.genqueue.bench.report.BenchReport;
import dev.genqueue.bench.report.Machine;
import dev.genqueue.bench.report.ScenarioResult;
import dev.genqueue.bench.report.Verdict;
import dev.genqueue.bench.scenario.BenchContext;
import dev.genqueue.bench.scenario.Capacity;
import dev.genqueue.bench.scenario.Ingest;
import dev.genqueue.bench.scenario.Latency;
import dev.genqueue.bench.scenario.PipelineThroughput;
import dev.genqueue.bench.scenario.PollEconomy;
import dev.genqueue.bench.scenario.QuotaUse;
import dev.genqueue.bench.scenario.ScaleOut;
import dev.genqueue.bench.scenario.Scenario;
import dev.genqueue.bench.stack.BenchStack;
import dev.genqueue.bench.stack.ManagedStack;
import dev.genqueue.bench.stack.RunningStack;
import dev.genqueue.stack.StackLayout;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One benchmark run: brings up (or connects to) the stack, runs the chosen scenarios in an order that needs
 * the fewest worker restarts, and collects one result per scenario. A scenario that fails is reported as
 * such; the others still run.
 */
public final class BenchRun {

    /**
     * Execution order: scale-out first (3 workers, then 1), then everything on that one worker, then the
     * capacity worker (APIXO's real schedule), the quota fleet, and ingest with no worker at all.
     */
    private static final List<Scenario> ORDER = List.of(new ScaleOut(), new PipelineThroughput(), new Latency(),
            new PollEconomy(), new Capacity(), new QuotaUse(), new Ingest());

    private final BenchOptions options;
    private final StackLayout layout;
    private final StackLayout jars;

    /**
     * @param layout the checkout: work directory and reports go below it
     * @param jars   where the packaged services, simulator and Kafka libraries are (usually the checkout too)
     */
    public BenchRun(BenchOptions options, StackLayout layout, StackLayout jars) {
        this.options = options;
        this.layout = layout;
        this.jars = jars;
    }

    public BenchReport run() {
        ZonedDateTime started = ZonedDateTime.now();
        long startNanos = System.nanoTime();
        String loadBefore = Machine.loadAverage();
        Path workDir = layout.root().resolve("bench/target/bench-run");
        BenchContext.log("load average " + loadBefore + "; " + options.sizes().name() + " sizes; scenarios "
                + options.scenarios());
        List<ScenarioResult> results = new ArrayList<>();
        try (BenchStack stack = open(workDir)) {
            BenchContext.log(stack.describe());
            Profiler profiler = options.profile() ? new Profiler(workDir.resolve("jfr")) : null;
            BenchContext context = new BenchContext(stack, options.sizes(), workDir, profiler);
            try {
                for (Scenario scenario : ORDER) {
                    if (options.scenarios().contains(scenario.number())) {
                        results.add(runOne(scenario, context));
                    }
                }
            } finally {
                context.close();
            }
        }
        results.sort(Comparator.comparingInt(ScenarioResult::number));
        return new BenchReport(Machine.current(), started, options.command(), options.sizes().name(), loadBefore,
                Machine.loadAverage(), results, (System.nanoTime() - startNanos) / 1e9);
    }

    // the first line of a failure, short enough for a table cell; the whole of it went to the console
    private static String brief(String message) {
        String first = message == null ? "no message" : message.strip().split("\n", 2)[0];
        return first.length() <= 160 ? first : first.substring(0, 157) + "...";
    }

    private BenchStack open(Path workDir) {
        if (options.running().isPresent()) {
            return new RunningStack(options.running().get());
        }
        BenchContext.log("starting the stack (PostgreSQL, Kafka, simulator, api-service)");
        return ManagedStack.start(jars, workDir.resolve("stack"), options.serviceJvm(), options.sizes().rateWindow(),
                options.serviceEnv());
    }

    private static ScenarioResult runOne(Scenario scenario, BenchContext context) {
        BenchContext.log("scenario " + scenario.number() + ": " + scenario.title() + " (load average "
                + Machine.loadAverage() + ")");
        try {
            ScenarioResult result = scenario.run(context);
            BenchContext.log("scenario " + scenario.number() + " done in " + Math.round(result.seconds()) + " s: "
                    + result.rows().stream().map(r -> r.metric() + " = " + r.measured() + " " + r.verdict()).toList());
            return result;
        } catch (RuntimeException e) {
            BenchContext.log("scenario " + scenario.number() + " failed: " + e);
            e.printStackTrace();
            return ScenarioResult.notRun(scenario.number(), scenario.title(), Verdict.SKIPPED,
                    "failed: " + brief(e.getMessage()));
        }
    }
}
