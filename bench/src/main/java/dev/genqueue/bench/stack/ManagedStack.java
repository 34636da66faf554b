package dev.genqueue.bench.stack;

import dev.genqueue.bench.probe.Database;
import dev.genqueue.bench.probe.SimulatorApi;
import dev.genqueue.stack.GenqueueStack;
import dev.genqueue.stack.StackLayout;
import dev.genqueue.stack.StackSettings;
import dev.genqueue.stack.process.Ports;
import dev.genqueue.stack.service.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A stack the harness starts on free ports: PostgreSQL database {@code genqueue_bench} (recreated), a fresh
 * Kafka broker, one simulator and api-service from {@link GenqueueStack}, and a worker fleet it sizes and
 * configures per scenario. The simulator runs at time factor 1 with no pending phase, so every task takes
 * exactly the processing time a scenario gives it (prompt directive or per-model duration): {@code 0s} is an
 * instant task, as time factor 0 would make it.
 */
public final class ManagedStack implements BenchStack {

    static final String DATABASE = "genqueue_bench";

    private final GenqueueStack stack;
    private final List<String> jvmOptions;
    private final Map<String, String> serviceEnv;
    private final Database database;
    private final SimulatorApi simulator;
    private final List<ServiceProcess> workers = new ArrayList<>();
    private WorkerSetup current;

    private ManagedStack(GenqueueStack stack, List<String> jvmOptions, Map<String, String> serviceEnv) {
        this.stack = stack;
        this.jvmOptions = jvmOptions;
        this.serviceEnv = Map.copyOf(serviceEnv);
        this.database = new Database(stack.jdbcUrl(), stack.postgres().user(), stack.postgres().password());
        this.simulator = new SimulatorApi(stack.apixoBaseUrl(), stack.apixoApiKey());
    }

    /**
     * Starts PostgreSQL, Kafka, the simulator and api-service; workers come with {@link #useWorkers}.
     *
     * @param rateWindow the simulator's rate window of limited plans
     * @param serviceEnv extra configuration of api-service and every worker (usually none)
     */
    public static ManagedStack start(StackLayout layout, Path stateDir, List<String> serviceJvmOptions,
            Duration rateWindow, Map<String, String> serviceEnv) {
        StackSettings.Builder builder = StackSettings.isolated(layout, stateDir, DATABASE, 0)
                .timeFactors(1.0, 1.0)
                .simulatorEnv("APIXO_SIM_SEED", "42")
                .simulatorEnv("APIXO_SIM_PENDING", "0")
                .simulatorEnv("APIXO_SIM_RATE_LIMIT_WINDOW", rateWindow.toMillis() + "ms")
                .serviceJvmOptions(serviceJvmOptions);
        serviceEnv.forEach(builder::serviceEnv);
        StackSettings settings = builder.build();
        deleteRecursively(settings.storageDir());
        GenqueueStack stack = new GenqueueStack(settings).start();
        ManagedStack managed = new ManagedStack(stack, serviceJvmOptions, serviceEnv);
        // also on Ctrl-C: no process of the stack may outlive the harness
        Runtime.getRuntime().addShutdownHook(new Thread(managed::close, "bench-stack-stop"));
        return managed;
    }

    // outputs of an earlier run: tens of thousands of small files nobody reads again
    private static void deleteRecursively(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + directory, e);
        }
    }

    @Override
    public synchronized boolean useWorkers(WorkerSetup setup) {
        if (current != null && current.sameSettings(setup)) {
            while (workers.size() > setup.count()) {
                workers.remove(workers.size() - 1).stop();
            }
            launch(setup, setup.count() - workers.size());
        } else {
            stopWorkers();
            launch(setup, setup.count());
        }
        current = setup;
        return true;
    }

    private void launch(WorkerSetup setup, int count) {
        if (count <= 0) {
            return;
        }
        int[] ports = Ports.free(count);
        List<ServiceProcess> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "worker-service-" + (workers.size() + started.size() + 1);
            started.add(new ServiceProcess(new ServiceProcess.Settings(name,
                    stack.settings().layout().workerServiceJar(), stack.settings().logDir().resolve(name + ".log"),
                    ports[i], environment(name, setup), jvmOptions, false)));
        }
        // booting together is far quicker than one after the other on few cores
        started.forEach(ServiceProcess::launch);
        workers.addAll(started);
        started.forEach(ServiceProcess::awaitReady);
    }

    private Map<String, String> environment(String name, WorkerSetup setup) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", stack.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", stack.postgres().user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", stack.postgres().password());
        env.put("APIXO_BASE_URL", stack.apixoBaseUrl());
        env.put("APIXO_API_KEY", stack.apixoApiKey());
        env.put("GENQUEUE_WORKER_INSTANCE_ID", name);
        env.put("GENQUEUE_WORKER_STORAGE_DIRECTORY", stack.settings().storageDir().toString());
        env.put("GENQUEUE_WORKER_POLL_TIME_SCALE", Double.toString(setup.pollScale()));
        // callback-mode jobs get webhooks on api-service; polling jobs are unaffected
        env.put("GENQUEUE_CALLBACK_PUBLIC_BASE_URL", stack.api().baseUrl());
        env.put("GENQUEUE_CALLBACK_ALLOW_HTTP", "true");
        if (stack.apixoBaseUrl().startsWith("http://")) {
            // the simulator speaks plain HTTP; outside this switch a worker refuses a non-https APIXO URL
            env.put("GENQUEUE_APIXO_ALLOW_HTTP", "true");
        }
        env.putAll(serviceEnv);
        env.putAll(setup.environment());
        return env;
    }

    /** Stops every worker (in parallel: each may take its shutdown grace). */
    public synchronized void stopWorkers() {
        List<Thread> stoppers = workers.stream().map(worker -> new Thread(worker::stop, "stop-" + worker.name()))
                .toList();
        stoppers.forEach(Thread::start);
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        current = null;
    }

    @Override
    public synchronized List<WorkerHandle> workers() {
        return workers.stream().map(w -> new WorkerHandle(w.name(), w.baseUrl(), w.pid())).toList();
    }

    @Override
    public synchronized Map<String, Long> processes() {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        stack.processes().forEach(process -> pids.put(process.name(), process.pid()));
        workers.forEach(worker -> pids.put(worker.name(), worker.pid()));
        return pids;
    }

    @Override
    public synchronized double pollScale() {
        return current == null ? 1.0 : current.pollScale();
    }

    /** api-service's process id, for profiling. */
    public long apiPid() {
        return stack.api().pid();
    }

    public Path logDir() {
        return stack.settings().logDir();
    }

    @Override
    public String apiUrl() {
        return stack.api().baseUrl();
    }

    @Override
    public String kafkaBootstrapServers() {
        return stack.kafka().bootstrapServers();
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public SimulatorApi simulator() {
        return simulator;
    }

    @Override
    public boolean managed() {
        return true;
    }

    @Override
    public void restartSimulator() {
        stack.simulator().ifPresent(simulator -> simulator.restart());
    }

    @Override
    public void clearJobs() {
        stopWorkers();
        database.truncateJobs();
    }

    @Override
    public String describe() {
        return "managed stack: PostgreSQL database " + DATABASE + " (recreated), Kafka broker JVM ("
                + stack.settings().kafkaPartitions() + " partitions), simulator (time factor 1, no pending phase, "
                + "task durations set per scenario), api-service, worker-service × n; services run with "
                + String.join(" ", jvmOptions) + (serviceEnv.isEmpty() ? "" : " and " + serviceEnv);
    }

    @Override
    public void close() {
        stopWorkers();
        stack.close();
    }
}
