package dev.genqueue.bench.scenario;

import dev.genqueue.bench.load.BenchRequests;
import dev.genqueue.bench.probe.Database;
import dev.genqueue.bench.probe.SimulatorApi;
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
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 5: polling jobs of one model per poll profile, with the catalogue's task durations scaled like the
 * poll schedule. For every job the status queries APIXO received are compared with what the seed's schedule
 * needs for that task's actual duration ({@link PollPlan}).
 */
public final class PollEconomy implements Scenario {

    /** A model of each profile with its catalogue duration range in seconds (docs/apixo-simulator.md). */
    private record ModelCase(String model, PollProfile profile, int minSeconds, int maxSeconds) {
    }

    private static final List<ModelCase> CASES = List.of(
            new ModelCase("nano-banana", PollProfile.IMAGE_FAST, 10, 15),
            new ModelCase("flux-2", PollProfile.IMAGE_QUALITY, 20, 30),
            new ModelCase("veo-3-1", PollProfile.VIDEO, 100, 140),
            new ModelCase("suno", PollProfile.AUDIO, 120, 180));
    private static final double TOLERANCE = 1.10;

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String title() {
        return "Poll economy";
    }

    @Override
    public ScenarioResult run(BenchContext context) {
        if (!context.stack().useWorkers(WorkerSetup.of(1, Sizes.POLL_SCALE))) {
            return ScenarioResult.notRun(number(), title(), Verdict.SKIPPED, "needs exactly 1 worker");
        }
        ScenarioResult.Builder result = new ScenarioResult.Builder(number(), title());
        int perModel = context.sizes().economyJobsPerModel();
        double durationScale = context.sizes().economyDurationScale();
        double scale = context.stack().pollScale();
        String tenant = context.requests().tenant("economy");
        SimulatorApi simulator = context.stack().simulator();
        result.setup(perModel + " polling jobs per model type; task durations = catalogue × " + durationScale
                + ", poll schedule = PollProfile × " + scale + "; expected queries per job = what the schedule needs "
                + "for that task's actual duration (the query that sees it finished included)");

        List<BenchRequests.Request> requests = new ArrayList<>();
        for (ModelCase c : CASES) {
            simulator.modelDuration(c.model(), Duration.ofMillis(Math.round(c.minSeconds() * 1000 * durationScale)),
                    Duration.ofMillis(Math.round(c.maxSeconds() * 1000 * durationScale)));
            for (int n = 0; n < perModel; n++) {
                requests.add(BenchRequests.request(tenant, requests.size(), c.model(), "", DeliveryMode.POLLING));
            }
        }
        try {
            Probes probes = new Probes(context, "s5-economy");
            probes.start();
            context.producer().sendAll(requests);
            Duration longest = Duration.ofMillis(Math.round(PollProfile.AUDIO.maxWait().toMillis() * scale));
            context.results().await(tenant, requests.size(), BenchContext.patience(requests.size(), longest));
            probes.stop().forEach(result::note);
        } finally {
            simulator.resetModelDurations();
        }

        Map<String, SimulatorApi.Task> tasks = simulator.tasks();
        List<Database.JobRow> jobs = context.stack().database().jobs(tenant);
        for (ModelCase c : CASES) {
            long measured = 0;
            long expected = 0;
            int counted = 0;
            for (Database.JobRow job : jobs) {
                SimulatorApi.Task task = job.taskId() == null ? null : tasks.get(job.taskId());
                if (!job.model().equals(c.model()) || task == null || task.completeTime() < 0
                        || !"SUCCEEDED".equals(job.status())) {
                    continue;
                }
                measured += task.statusCalls();
                expected += PollPlan.of(c.profile(), scale, task.createTime(), task.completeTime()).polls();
                counted++;
            }
            double perJob = counted == 0 ? 0 : (double) measured / counted;
            result.value(c.model() + ".jobs", counted).value(c.model() + ".callsPerJob", perJob);
            double planned = counted == 0 ? 0 : (double) expected / counted;
            result.row(new Row("status calls per job, " + c.profile().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " (" + c.model() + ")", "≤ schedule + 10 %",
                    Units.number(perJob, 2) + " (schedule " + Units.number(planned, 2) + ", n=" + counted + ")",
                    Verdict.of(counted == perModel && perJob <= planned * TOLERANCE)));
        }
        return result.build();
    }
}
