package dev.genqueue.bench.scenario;

import dev.genqueue.bench.load.Wrk;
import dev.genqueue.bench.report.Row;
import dev.genqueue.bench.report.ScenarioResult;
import dev.genqueue.bench.report.Units;
import dev.genqueue.bench.report.Verdict;
import dev.genqueue.bench.stack.WorkerSetup;
import java.time.Duration;
import java.util.Locale;

/**
 * Scenario 2: the REST door alone. wrk posts valid requests with unique request ids to {@code POST /v1/jobs}
 * (each is validated, inserted with its history row and an outbox row, and relayed to Kafka); no worker runs,
 * so api-service has the machine to itself apart from PostgreSQL, Kafka and wrk.
 */
public final class Ingest implements Scenario {

    private static final int THREADS = 2;

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String title() {
        return "Ingest";
    }

    @Override
    public ScenarioResult run(BenchContext context) {
        if (!Wrk.available()) {
            return ScenarioResult.notRun(number(), title(), Verdict.SKIPPED,
                    "wrk is not installed (apt-get install -y wrk; bench/run.sh does it)");
        }
        ScenarioResult.Builder result = new ScenarioResult.Builder(number(), title());
        boolean alone = context.stack().useWorkers(WorkerSetup.of(0, Sizes.POLL_SCALE));
        Duration duration = context.sizes().ingestDuration();
        int connections = context.sizes().ingestConnections();
        String tenant = context.requests().tenant("ingest");
        result.setup("`wrk -t" + THREADS + " -c" + connections + " -d" + duration.toSeconds()
                + "s --latency` with a Lua script giving each POST /v1/jobs a unique requestId (nano-banana, ~150-byte "
                + "body); " + (alone ? "no worker running" : "the running stack's workers were running meanwhile"));

        Probes probes = new Probes(context, "s2-ingest");
        probes.start();
        Wrk.Result wrk = Wrk.run(context.stack().apiUrl(), tenant, context.workDir(), THREADS, connections, duration);
        probes.stop().forEach(result::note);
        long created = context.stack().database().countJobs(tenant);

        result.row(new Row("requests/s", "≥ 5,000 req/s", Wrk.rate(wrk.requestsPerSecond()),
                Verdict.of(wrk.requestsPerSecond() >= 5_000 && wrk.errors() == 0)));
        result.row(new Row("latency p50 / p99", "p99 ≤ 25 ms",
                String.format(Locale.ROOT, "%.1f ms / %.1f ms", wrk.p50Millis(), wrk.p99Millis()),
                Verdict.of(wrk.p99Millis() > 0 && wrk.p99Millis() <= 25)));
        result.value("requestsPerSecond", wrk.requestsPerSecond()).value("requests", wrk.requests())
                .value("errors", wrk.errors()).value("p99Millis", wrk.p99Millis()).value("created", created);
        result.note(Units.count(wrk.requests()) + " requests, " + Units.count(wrk.errors())
                + " errors (non-2xx or socket), " + Units.count(created) + " jobs created");
        return result.build();
    }
}
