package dev.genqueue.stack;

import dev.genqueue.common.contract.Topics;
import dev.genqueue.stack.kafka.KafkaBroker;
import dev.genqueue.stack.postgres.LocalPostgres;
import dev.genqueue.stack.process.SupervisedProcess;
import dev.genqueue.stack.service.ServiceProcess;
import dev.genqueue.stack.simulator.SimulatorProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole system as separate processes: PostgreSQL (the local server, else embedded), a Kafka broker JVM,
 * the APIXO simulator (unless real APIXO is configured), api-service and one or more worker-service
 * instances. Every process can be stopped, killed and restarted on its own; {@link #close()} stops them
 * services first.
 */
public final class GenqueueStack implements AutoCloseable {

    private final StackSettings settings;
    private final List<SupervisedProcess> started = new ArrayList<>();
    private LocalPostgres postgres;
    private KafkaBroker kafka;
    private SimulatorProcess simulator;
    private ServiceProcess api;
    private final List<ServiceProcess> workers = new ArrayList<>();
    private boolean closed;

    public GenqueueStack(StackSettings settings) {
        this.settings = settings;
    }

    /** Creates and starts a stack; see {@link #start()}. */
    public static GenqueueStack start(StackSettings settings) {
        return new GenqueueStack(settings).start();
    }

    /**
     * Starts every part in dependency order and returns once the services report ready. On failure, what
     * was started is stopped again.
     */
    public GenqueueStack start() {
        try {
            startAll();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() {
        settings.layout().requireArtifacts(settings.simulated());
        try {
            Files.createDirectories(settings.logDir());
            Files.createDirectories(settings.storageDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + settings.stateDir(), e);
        }
        LocalPostgres server = LocalPostgres.connectOrStart(settings.stateDir().resolve("pg"));
        synchronized (this) {
            postgres = server;
        }
        if (settings.recreateDatabase()) {
            postgres.recreateDatabase(settings.database());
        } else {
            postgres.ensureDatabase(settings.database());
        }

        kafka = new KafkaBroker(new KafkaBroker.Settings(settings.layout().kafkaLibs(),
                settings.stateDir().resolve("kafka"), log("kafka"), settings.kafkaPort(),
                settings.kafkaControllerPort(), settings.kafkaPartitions(), settings.kafkaMaxHeap()));
        if (settings.freshKafka()) {
            kafka.wipeData();
        }
        track(kafka).start();
        // created up front with known partition counts, so no client races the broker's auto-creation
        kafka.ensureTopics(Map.of(
                Topics.REQUESTS, settings.kafkaPartitions(),
                Topics.RESULTS, settings.kafkaPartitions(),
                Topics.REQUESTS_DLQ, 1,
                Topics.OPS, 1));

        if (settings.simulated()) {
            simulator = new SimulatorProcess(new SimulatorProcess.Settings(settings.layout().simulatorJar(),
                    log("apixo-simulator"), settings.simulatorPort(), StackSettings.SIMULATOR_API_KEY,
                    settings.simulatorTimeFactor(), settings.simulatorEnvironment(), settings.inheritEnvironment(),
                    settings.simulatorMaxHeap()));
            track(simulator).start();
        }

        api = service("api-service", settings.layout().apiServiceJar(), settings.apiPort(), Map.of());
        for (int i = 0; i < settings.workerPorts().size(); i++) {
            workers.add(service(workerName(i), settings.layout().workerServiceJar(), settings.workerPorts().get(i),
                    workerEnvironment(i)));
        }
        // both services boot at once: on two cores that is far quicker than one after the other
        List<ServiceProcess> services = services();
        services.forEach(service -> track(service).launch());
        services.forEach(ServiceProcess::awaitReady);
    }

    private ServiceProcess service(String name, Path jar, int port, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("APIXO_BASE_URL", apixoBaseUrl());
        env.putAll(extra);
        // what the caller configured wins over the stack's defaults
        env.putAll(settings.serviceEnvironment());
        return new ServiceProcess(new ServiceProcess.Settings(name, jar, log(name), port, env,
                settings.serviceJvmOptions(), settings.inheritEnvironment()));
    }

    // only workers talk to APIXO, so only they get the key
    private Map<String, String> workerEnvironment(int index) {
        Map<String, String> env = new HashMap<>();
        env.put("APIXO_API_KEY", apixoApiKey());
        env.put("GENQUEUE_WORKER_INSTANCE_ID", workerName(index));
        env.put("GENQUEUE_WORKER_STORAGE_DIRECTORY", settings.storageDir().toString());
        env.put("GENQUEUE_WORKER_POLL_TIME_SCALE", Double.toString(settings.pollTimeScale()));
        if (settings.simulated()) {
            // the simulator calls back over plain HTTP on loopback; real APIXO needs a public HTTPS URL,
            // which only the operator can give (GENQUEUE_CALLBACK_PUBLIC_BASE_URL)
            env.put("GENQUEUE_CALLBACK_PUBLIC_BASE_URL", "http://127.0.0.1:" + settings.apiPort());
            env.put("GENQUEUE_CALLBACK_ALLOW_HTTP", "true");
            // the simulator speaks plain HTTP; outside this switch a worker refuses a non-https APIXO URL
            env.put("GENQUEUE_APIXO_ALLOW_HTTP", "true");
        }
        return env;
    }

    private String workerName(int index) {
        return settings.workerPorts().size() == 1 ? "worker-service" : "worker-service-" + (index + 1);
    }

    // a Ctrl-C during start-up closes the stack from another thread: nothing may start after that
    private synchronized <T extends SupervisedProcess> T track(T process) {
        if (closed) {
            throw new IllegalStateException("the stack was stopped while starting");
        }
        started.add(process);
        return process;
    }

    private Path log(String name) {
        return settings.logDir().resolve(name + ".log");
    }

    public StackSettings settings() {
        return settings;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(settings.database());
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** The simulator, absent when the stack talks to real APIXO. */
    public Optional<SimulatorProcess> simulator() {
        return Optional.ofNullable(simulator);
    }

    public ServiceProcess api() {
        return api;
    }

    /** The first worker instance. */
    public ServiceProcess worker() {
        return workers.get(0);
    }

    public List<ServiceProcess> workers() {
        return List.copyOf(workers);
    }

    /** api-service followed by every worker. */
    public List<ServiceProcess> services() {
        List<ServiceProcess> all = new ArrayList<>();
        all.add(api);
        all.addAll(workers);
        return all;
    }

    /** The processes started so far, in start order. */
    public synchronized List<SupervisedProcess> processes() {
        return List.copyOf(started);
    }

    /** The APIXO root URL the services use (the API is under {@code /api/v1}). */
    public String apixoBaseUrl() {
        return settings.realApixo().map(StackSettings.RealApixo::baseUrl).orElseGet(() -> simulator.baseUrl());
    }

    public String apixoApiKey() {
        return settings.realApixo().map(StackSettings.RealApixo::apiKey).orElse(StackSettings.SIMULATOR_API_KEY);
    }

    /** Stops the services (in parallel), then the simulator, the broker and an embedded PostgreSQL. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopInParallel(started.stream().filter(ServiceProcess.class::isInstance).toList());
        if (simulator != null) {
            simulator.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    // each graceful stop can take the services' shutdown grace period; waiting for them in turn would add up
    private static void stopInParallel(List<SupervisedProcess> processes) {
        List<Thread> stoppers = processes.stream()
                .map(process -> new Thread(process::stop, "stop-" + process.name()))
                .toList();
        stoppers.forEach(Thread::start);
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
