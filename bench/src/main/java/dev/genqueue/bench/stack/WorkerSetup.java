package dev.genqueue.bench.stack;

import java.util.Map;
import java.util.TreeMap;

/**
 * The worker fleet a scenario needs.
 *
 * @param count       worker-service processes
 * @param pollScale   {@code genqueue.worker.poll.time-scale} of each
 * @param environment further settings of each, as environment variables (e.g. the quota)
 */
public record WorkerSetup(int count, double pollScale, Map<String, String> environment) {

    public WorkerSetup {
        environment = Map.copyOf(environment);
    }

    public static WorkerSetup of(int count, double pollScale) {
        return new WorkerSetup(count, pollScale, Map.of());
    }

    public WorkerSetup withCount(int value) {
        return new WorkerSetup(value, pollScale, environment);
    }

    /** Same settings, whatever the count: a fleet can grow or shrink without restarting who runs. */
    public boolean sameSettings(WorkerSetup other) {
        return pollScale == other.pollScale && environment.equals(other.environment);
    }

    @Override
    public String toString() {
        return count + " worker" + (count == 1 ? "" : "s") + ", poll time scale " + pollScale
                + (environment.isEmpty() ? "" : ", " + new TreeMap<>(environment));
    }
}
