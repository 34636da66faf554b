package dev.genqueue.bench.stack;

import dev.genqueue.bench.probe.Database;
import dev.genqueue.bench.probe.SimulatorApi;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stack that is already running (e.g. {@code ./genqueue up}), given by its URLs. The harness only adds load
 * and reads: it never empties tables, and scenarios that need another worker fleet than the one running
 * (scale-out, quota) are skipped. Its simulator must have the control API on.
 */
public final class RunningStack implements BenchStack {

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    /**
     * Where the running parts are.
     *
     * @param apiUrl       api-service root URL
     * @param workerUrls   root URL of each worker-service
     * @param simulatorUrl simulator root URL (control API on)
     * @param apiKey       the APIXO key the workers use
     * @param kafka        bootstrap servers
     * @param jdbcUrl      the services' database
     * @param dbUser       its user
     * @param dbPassword   its password
     * @param pollScale    the workers' {@code genqueue.worker.poll.time-scale}
     */
    public record Endpoints(String apiUrl, List<String> workerUrls, String simulatorUrl, String apiKey, String kafka,
            String jdbcUrl, String dbUser, String dbPassword, double pollScale) {

        public Endpoints {
            workerUrls = List.copyOf(workerUrls);
        }
    }

    private final Endpoints endpoints;
    private final Database database;
    private final SimulatorApi simulator;

    public RunningStack(Endpoints endpoints) {
        this.endpoints = endpoints;
        this.database = new Database(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
        this.simulator = new SimulatorApi(endpoints.simulatorUrl(), endpoints.apiKey());
    }

    @Override
    public boolean useWorkers(WorkerSetup setup) {
        return setup.count() == endpoints.workerUrls().size() && setup.environment().isEmpty();
    }

    @Override
    public List<WorkerHandle> workers() {
        return endpoints.workerUrls().stream()
                .map(url -> new WorkerHandle(url, url, pidListeningOn(URI.create(url).getPort()))).toList();
    }

    @Override
    public Map<String, Long> processes() {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        workers().forEach(worker -> pids.put("worker " + worker.name(), worker.pid()));
        pids.put("api-service", pidListeningOn(URI.create(endpoints.apiUrl()).getPort()));
        return pids;
    }

    @Override
    public double pollScale() {
        return endpoints.pollScale();
    }

    @Override
    public String apiUrl() {
        return endpoints.apiUrl();
    }

    @Override
    public String kafkaBootstrapServers() {
        return endpoints.kafka();
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
        return false;
    }

    @Override
    public void restartSimulator() {
        // not ours to restart
    }

    @Override
    public void clearJobs() {
        // not ours to empty
    }

    @Override
    public String describe() {
        return "running stack: api " + endpoints.apiUrl() + ", " + endpoints.workerUrls().size() + " worker(s), "
                + "simulator " + endpoints.simulatorUrl() + ", poll time scale " + endpoints.pollScale();
    }

    @Override
    public void close() {
        // the stack belongs to whoever started it
    }

    // the process listening on a local port, from ss; -1 when it cannot be told (e.g. another user's process)
    private static long pidListeningOn(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
            String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ss.waitFor(5, TimeUnit.SECONDS);
            Matcher pid = PID.matcher(output);
            return pid.find() ? Long.parseLong(pid.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
