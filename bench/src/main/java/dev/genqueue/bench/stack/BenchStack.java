package dev.genqueue.bench.stack;

import dev.genqueue.bench.probe.Database;
import dev.genqueue.bench.probe.SimulatorApi;
import java.util.List;
import java.util.Map;

/**
 * The system under test: either started by the harness ({@link ManagedStack}) or already running
 * ({@link RunningStack}). Scenarios reach every part through it.
 */
public interface BenchStack extends AutoCloseable {

    String apiUrl();

    String kafkaBootstrapServers();

    Database database();

    SimulatorApi simulator();

    /**
     * Makes the workers run as {@code setup} describes; answers {@code false} when this stack cannot (a running
     * stack's workers are what they are).
     */
    boolean useWorkers(WorkerSetup setup);

    /** The workers running now. */
    List<WorkerHandle> workers();

    /** Process id per part of the stack (services, broker, simulator) that this harness can see. */
    Map<String, Long> processes();

    /** The poll time scale the running workers use. */
    double pollScale();

    /** Whether the harness owns the stack, so it may empty the job tables between scenarios. */
    boolean managed();

    /**
     * Starts the simulator afresh when the harness owns it: it keeps every task in memory, so a scenario that
     * creates a hundred thousand tasks begins with none. Only while no task of the stack's key is unfinished.
     */
    void restartSimulator();

    /** Empties the job tables (managed stacks only, with the workers stopped first). */
    void clearJobs();

    /** One line for the report. */
    String describe();

    @Override
    void close();
}
