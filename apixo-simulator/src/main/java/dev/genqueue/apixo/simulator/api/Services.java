package dev.genqueue.apixo.simulator.api;

import dev.genqueue.apixo.simulator.SimulatorConfig;
import dev.genqueue.apixo.simulator.callback.CallbackDispatcher;
import dev.genqueue.apixo.simulator.fault.FaultRegistry;
import dev.genqueue.apixo.simulator.quota.Accounts;
import dev.genqueue.apixo.simulator.stats.StatsRecorder;
import dev.genqueue.apixo.simulator.task.DurationOverrides;
import dev.genqueue.apixo.simulator.task.TaskPlanner;
import dev.genqueue.apixo.simulator.task.TaskStore;
import java.util.function.LongSupplier;

/**
 * The collaborators one simulator instance shares between its HTTP server instances and its control API.
 *
 * @param config    the configuration
 * @param clock     epoch milliseconds
 * @param accounts  keys, plans, balances
 * @param tasks     submitted tasks
 * @param planner   timeline and outcome of new tasks
 * @param overrides per-model duration overrides
 * @param faults    fault rules and outage window
 * @param stats     counters
 * @param payloads  status/webhook renderings
 * @param callbacks webhook delivery
 */
public record Services(SimulatorConfig config, LongSupplier clock, Accounts accounts, TaskStore tasks,
        TaskPlanner planner, DurationOverrides overrides, FaultRegistry faults, StatsRecorder stats,
        TaskPayloads payloads, CallbackDispatcher callbacks) {

    public long now() {
        return clock.getAsLong();
    }
}
