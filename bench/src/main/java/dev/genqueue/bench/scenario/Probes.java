package dev.genqueue.bench.scenario;

import dev.genqueue.bench.probe.CpuUsage;
import dev.genqueue.bench.probe.Metrics;
import dev.genqueue.bench.probe.Profiler;
import dev.genqueue.bench.probe.WorkerBreakdown;
import dev.genqueue.bench.stack.BenchStack;
import dev.genqueue.bench.stack.WorkerHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The measurements every load scenario takes around its load: worker meters, CPU per process and, when asked
 * for, JFR recordings of the workers and api-service.
 */
final class Probes {

    private final BenchContext context;
    private final String scenario;
    private List<Metrics> metricsBefore;
    private CpuUsage cpuBefore;
    private long startNanos;

    Probes(BenchContext context, String scenario) {
        this.context = context;
        this.scenario = scenario;
    }

    static List<Metrics> scrapeWorkers(BenchStack stack) {
        List<Metrics> scrapes = new ArrayList<>();
        for (WorkerHandle worker : stack.workers()) {
            scrapes.add(Metrics.scrape(worker.baseUrl()));
        }
        return scrapes;
    }

    /** Takes the "before" readings and starts profiling. */
    void start() {
        BenchStack stack = context.stack();
        metricsBefore = scrapeWorkers(stack);
        context.profiler().ifPresent(profiler -> stack.processes().forEach((name, pid) -> {
            if (name.contains("worker") || name.contains("api")) {
                profiler.start(pid, scenario + "-" + name.replaceAll("[^a-zA-Z0-9-]", ""));
            }
        }));
        cpuBefore = CpuUsage.snapshot(stack.processes());
        startNanos = System.nanoTime();
    }

    /** Takes the "after" readings; answers report notes (breakdown, CPU, profiles). */
    List<String> stop() {
        BenchStack stack = context.stack();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        List<String> notes = new ArrayList<>();
        notes.add(CpuUsage.snapshot(stack.processes()).coresSince(cpuBefore));
        String breakdown = WorkerBreakdown.between(metricsBefore, scrapeWorkers(stack), seconds);
        if (!breakdown.isEmpty()) {
            notes.add("workers: " + breakdown);
        }
        context.profiler().map(Profiler::stopAll).ifPresent(profiles -> profiles.forEach(p -> notes.add("JFR " + p)));
        return notes;
    }
}
