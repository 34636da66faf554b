package dev.genqueue.system.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.stack.GenqueueStack;
import dev.genqueue.stack.StackLayout;
import dev.genqueue.stack.StackSettings;
import dev.genqueue.stack.process.Ports;
import dev.genqueue.stack.service.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stack the chaos runs against: an embedded PostgreSQL of its own with a data directory (so it can be
 * restarted; the machine's shared server is never touched), its own Kafka broker JVM, the simulator, the
 * api-service and three workers, all on free ports. Workers hold short leases, so a killed worker's jobs are
 * taken over within seconds.
 */
final class ChaosStack implements AutoCloseable {

    static final String DATABASE = "genqueue_chaos";
    static final String CONSUMER_DATABASE = "genqueue_chaos_consumer";
    static final int WORKERS = 3;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final GenqueueStack stack;
    private final Duration lease;
    private final ChaosDatabase db;
    private final Thread hook;

    private ChaosStack(GenqueueStack stack, Duration lease, Thread hook) {
        this.stack = stack;
        this.lease = lease;
        this.hook = hook;
        this.db = new ChaosDatabase(stack::jdbcUrl, stack.postgres().user(), stack.postgres().password());
    }

    /**
     * Starts the stack with its state under {@code system-tests/target/<name>}.
     *
     * @param lease how long a claim owns a job ({@code genqueue.worker.dispatch.lease})
     */
    static ChaosStack start(String name, Duration lease, double simulatorTimeFactor, double pollTimeScale) {
        StackLayout layout = StackLayout.discover();
        // chaos/run.sh may run jars copied elsewhere; the state stays in this checkout's target directory
        Path target = Optional.ofNullable(System.getProperty("chaos.target")).map(Path::of)
                .orElse(layout.root().resolve("system-tests/target"));
        Path stateDir = target.resolve(name);
        deleteRecursively(stateDir.resolve("pg"));
        StackSettings settings = StackSettings.isolated(layout, stateDir, DATABASE, WORKERS)
                .timeFactors(simulatorTimeFactor, pollTimeScale)
                .simulatorEnv("APIXO_SIM_SEED", "6")
                // APIXO answers a submit in a fraction of a second, which is the window a kill can hit
                .simulatorEnv("APIXO_SIM_LATENCY", "20ms-200ms")
                .serviceEnv("GENQUEUE_WORKER_DISPATCH_LEASE", lease.toMillis() + "ms")
                .build();
        GenqueueStack stack = new GenqueueStack(settings);
        Thread hook = new Thread(stack::close, "chaos-stack-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        withEmbeddedPostgres(stack::start);
        if (!stack.postgres().isEmbedded()) {
            stack.close();
            throw new IllegalStateException("the chaos stack restarts its PostgreSQL, so it must be an embedded one");
        }
        stack.postgres().recreateDatabase(CONSUMER_DATABASE);
        return new ChaosStack(stack, lease, hook);
    }

    /**
     * Runs {@code start} with PostgreSQL settings that point at a port where nothing listens, so
     * {@code LocalPostgres} falls back to an embedded server; the previous settings come back afterwards.
     */
    private static void withEmbeddedPostgres(Runnable start) {
        String previousHost = System.getProperty("GENQUEUE_PG_HOST");
        String previousPort = System.getProperty("GENQUEUE_PG_PORT");
        System.setProperty("GENQUEUE_PG_HOST", "127.0.0.1");
        System.setProperty("GENQUEUE_PG_PORT", Integer.toString(Ports.free(1)[0]));
        try {
            start.run();
        } finally {
            restore("GENQUEUE_PG_HOST", previousHost);
            restore("GENQUEUE_PG_PORT", previousPort);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    GenqueueStack stack() {
        return stack;
    }

    ChaosDatabase db() {
        return db;
    }

    Duration lease() {
        return lease;
    }

    List<ServiceProcess> workers() {
        return stack.workers();
    }

    /** A database on the same server for a result consumer's own bookkeeping. */
    String consumerJdbcUrl() {
        return stack.postgres().jdbcUrl(CONSUMER_DATABASE);
    }

    /** {@code GET /_sim/stats}, with every task. */
    JsonNode simulatorStats() {
        return simulator(HttpRequest.newBuilder(URI.create(stack.apixoBaseUrl() + "/_sim/stats")).GET());
    }

    /** Adds a simulator fault rule ({@code POST /_sim/faults}, JSON as docs/apixo-simulator.md shows). */
    void addSimulatorFault(String rule) {
        simulator(HttpRequest.newBuilder(URI.create(stack.apixoBaseUrl() + "/_sim/faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(rule)));
    }

    /** Removes every simulator fault rule. */
    void clearSimulatorFaults() {
        simulator(HttpRequest.newBuilder(URI.create(stack.apixoBaseUrl() + "/_sim/faults")).DELETE());
    }

    private JsonNode simulator(HttpRequest.Builder request) {
        String url = request.build().uri().toString();
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Lines of every worker's log (all runs of each process) that contain {@code text}. */
    long workerLogLines(String text) {
        long count = 0;
        for (ServiceProcess worker : stack.workers()) {
            try (Stream<String> lines = Files.lines(worker.logFile())) {
                count += lines.filter(line -> line.contains(text)).count();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + worker.logFile(), e);
            }
        }
        return count;
    }

    @Override
    public void close() {
        stack.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook anyway
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
