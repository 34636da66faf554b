package dev.genqueue.bench.scenario;

import dev.genqueue.bench.report.ScenarioResult;

/** One of the benchmark scenarios: sets up what it needs on the stack, drives load, measures. */
public interface Scenario {

    int number();

    String title();

    ScenarioResult run(BenchContext context);
}
