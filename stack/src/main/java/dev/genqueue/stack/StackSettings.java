package dev.genqueue.stack;

import dev.genqueue.stack.process.Ports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that varies between a local run and a test run of the stack.
 *
 * @param layout              the checkout holding the packaged jars
 * @param stateDir            logs, broker data, embedded PostgreSQL data and stored outputs go below it
 * @param database            PostgreSQL database of both services
 * @param recreateDatabase    drop and recreate the database before the services start (tests)
 * @param freshKafka          wipe the broker's data before it starts (tests)
 * @param apiPort             api-service HTTP port
 * @param workerPorts         one HTTP port per worker-service instance
 * @param simulatorPort       simulator HTTP port (unused with real APIXO)
 * @param kafkaPort           broker client port
 * @param kafkaControllerPort broker controller port
 * @param kafkaPartitions     partitions of auto-created topics
 * @param simulatorTimeFactor multiplier of the simulator's task durations
 * @param pollTimeScale       multiplier of the worker's poll schedule ({@code genqueue.worker.poll.time-scale})
 * @param realApixo           base URL and key of the real APIXO, when the simulator should not run
 * @param inheritEnvironment  whether configuration variables of the launching shell reach the processes
 * @param serviceEnvironment  further configuration of both services, as environment variables
 * @param simulatorEnvironment further {@code APIXO_SIM_*} settings of the simulator
 * @param serviceJvmOptions   JVM options of the services
 * @param kafkaMaxHeap        the broker JVM's {@code -Xmx}
 * @param simulatorMaxHeap    the simulator JVM's {@code -Xmx} (it keeps every task in memory, about 1.2 KB each)
 */
public record StackSettings(StackLayout layout, Path stateDir, String database, boolean recreateDatabase,
        boolean freshKafka, int apiPort, List<Integer> workerPorts, int simulatorPort, int kafkaPort,
        int kafkaControllerPort, int kafkaPartitions, double simulatorTimeFactor, double pollTimeScale,
        Optional<RealApixo> realApixo, boolean inheritEnvironment, Map<String, String> serviceEnvironment,
        Map<String, String> simulatorEnvironment, List<String> serviceJvmOptions, String kafkaMaxHeap,
        String simulatorMaxHeap) {

    /** The local-run key the simulator accepts; not a secret. */
    public static final String SIMULATOR_API_KEY = "genqueue-local-key";

    /** A real APIXO account: services talk to it and no simulator runs. */
    public record RealApixo(String baseUrl, String apiKey) {

        @Override
        public String toString() {
            return "RealApixo[baseUrl=" + baseUrl + ", apiKey=***]";
        }
    }

    public StackSettings {
        workerPorts = List.copyOf(workerPorts);
        serviceEnvironment = Map.copyOf(serviceEnvironment);
        simulatorEnvironment = Map.copyOf(simulatorEnvironment);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
    }

    /**
     * The local run: fixed ports (8080 api, 8081 worker, 8090 simulator, 9092/9093 Kafka) unless overridden by
     * {@code GENQUEUE_*_PORT} variables, state in {@code .genqueue/}, database {@code genqueue}, and real APIXO
     * when both {@code APIXO_API_KEY} and {@code APIXO_BASE_URL} are set.
     */
    public static StackSettings local(StackLayout layout, Map<String, String> env) {
        Optional<RealApixo> real = Optional.ofNullable(env.get("APIXO_API_KEY")).filter(v -> !v.isBlank())
                .flatMap(key -> Optional.ofNullable(env.get("APIXO_BASE_URL")).filter(v -> !v.isBlank())
                        .map(url -> new RealApixo(url, key)));
        double timeFactor = Double.parseDouble(env.getOrDefault("GENQUEUE_SIM_TIME_FACTOR", "0.1"));
        double defaultScale = real.isPresent() ? 1.0 : timeFactor;
        double pollScale = Double.parseDouble(
                env.getOrDefault("GENQUEUE_WORKER_POLL_TIME_SCALE", Double.toString(defaultScale)));
        return new Builder(layout, layout.root().resolve(".genqueue"))
                .database("genqueue")
                .apiPort(port(env, "GENQUEUE_API_PORT", 8080))
                .workerPorts(List.of(port(env, "GENQUEUE_WORKER_PORT", 8081)))
                .simulatorPort(port(env, "GENQUEUE_SIM_PORT", 8090))
                .kafkaPorts(port(env, "GENQUEUE_KAFKA_PORT", 9092), port(env, "GENQUEUE_KAFKA_CONTROLLER_PORT", 9093))
                .timeFactors(timeFactor, pollScale)
                .realApixo(real)
                .inheritEnvironment(true)
                .build();
    }

    /** A throw-away stack on free ports: fresh broker data, recreated database, no inherited configuration. */
    public static Builder isolated(StackLayout layout, Path stateDir, String database, int workers) {
        int[] ports = Ports.free(4 + workers);
        List<Integer> workerPorts = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            workerPorts.add(ports[4 + i]);
        }
        return new Builder(layout, stateDir)
                .database(database)
                .recreateDatabase(true)
                .freshKafka(true)
                .apiPort(ports[0])
                .workerPorts(workerPorts)
                .simulatorPort(ports[1])
                .kafkaPorts(ports[2], ports[3]);
    }

    public Path logDir() {
        return stateDir.resolve("logs");
    }

    public Path storageDir() {
        return stateDir.resolve("storage");
    }

    public boolean simulated() {
        return realApixo.isEmpty();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return Integer.parseInt(env.getOrDefault(name, Integer.toString(fallback)));
    }

    /** Builds settings; defaults suit a small local run. */
    public static final class Builder {

        private final StackLayout layout;
        private final Path stateDir;
        private String database = "genqueue";
        private boolean recreateDatabase;
        private boolean freshKafka;
        private int apiPort = 8080;
        private List<Integer> workerPorts = List.of(8081);
        private int simulatorPort = 8090;
        private int kafkaPort = 9092;
        private int kafkaControllerPort = 9093;
        private int kafkaPartitions = 6;
        private double simulatorTimeFactor = 0.1;
        private double pollTimeScale = 0.1;
        private Optional<RealApixo> realApixo = Optional.empty();
        private boolean inheritEnvironment;
        private final Map<String, String> serviceEnvironment = new LinkedHashMap<>();
        private final Map<String, String> simulatorEnvironment = new LinkedHashMap<>();
        private List<String> serviceJvmOptions = List.of("-Xms64m", "-Xmx512m");
        private String kafkaMaxHeap = "512m";
        private String simulatorMaxHeap = "256m";

        public Builder(StackLayout layout, Path stateDir) {
            this.layout = layout;
            this.stateDir = stateDir.toAbsolutePath().normalize();
        }

        public Builder database(String value) {
            database = value;
            return this;
        }

        public Builder recreateDatabase(boolean value) {
            recreateDatabase = value;
            return this;
        }

        public Builder freshKafka(boolean value) {
            freshKafka = value;
            return this;
        }

        public Builder apiPort(int value) {
            apiPort = value;
            return this;
        }

        public Builder workerPorts(List<Integer> value) {
            workerPorts = List.copyOf(value);
            return this;
        }

        public Builder simulatorPort(int value) {
            simulatorPort = value;
            return this;
        }

        public Builder kafkaPorts(int client, int controller) {
            kafkaPort = client;
            kafkaControllerPort = controller;
            return this;
        }

        public Builder kafkaPartitions(int value) {
            kafkaPartitions = value;
            return this;
        }

        /** Simulated task durations and the worker's poll schedule, both relative to real time. */
        public Builder timeFactors(double simulator, double pollSchedule) {
            simulatorTimeFactor = simulator;
            pollTimeScale = pollSchedule;
            return this;
        }

        public Builder realApixo(Optional<RealApixo> value) {
            realApixo = value;
            return this;
        }

        public Builder inheritEnvironment(boolean value) {
            inheritEnvironment = value;
            return this;
        }

        /** One more configuration variable for both services, e.g. {@code GENQUEUE_WORKER_BATCH_SIZE}. */
        public Builder serviceEnv(String name, String value) {
            serviceEnvironment.put(name, value);
            return this;
        }

        /** One more simulator setting, e.g. {@code APIXO_SIM_SEED}. */
        public Builder simulatorEnv(String name, String value) {
            simulatorEnvironment.put(name, value);
            return this;
        }

        public Builder serviceJvmOptions(List<String> value) {
            serviceJvmOptions = List.copyOf(value);
            return this;
        }

        /** The broker JVM's {@code -Xmx}, e.g. {@code 1g}. */
        public Builder kafkaMaxHeap(String value) {
            kafkaMaxHeap = value;
            return this;
        }

        /** The simulator JVM's {@code -Xmx}, e.g. {@code 1g} for 100,000 tasks in flight. */
        public Builder simulatorMaxHeap(String value) {
            simulatorMaxHeap = value;
            return this;
        }

        public StackSettings build() {
            return new StackSettings(layout, stateDir, database, recreateDatabase, freshKafka, apiPort, workerPorts,
                    simulatorPort, kafkaPort, kafkaControllerPort, kafkaPartitions, simulatorTimeFactor, pollTimeScale,
                    realApixo, inheritEnvironment, serviceEnvironment, simulatorEnvironment, serviceJvmOptions,
                    kafkaMaxHeap, simulatorMaxHeap);
        }
    }
}
