package dev.genqueue.system.quota;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.stack.GenqueueStack;
import dev.genqueue.stack.StackLayout;
import dev.genqueue.stack.StackSettings;
import dev.genqueue.stack.service.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A stack of its own for one test class: the packaged services (several worker instances), the simulator, a
 * Kafka broker JVM and a database of its own, so it can run beside the suite's shared stack. Reads the job
 * store with SQL and the simulator through its control API, as an operator would.
 */
public final class Fleet implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final GenqueueStack stack;
    private final KafkaProducer<String, byte[]> producer;

    private Fleet(GenqueueStack stack) {
        this.stack = stack;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Starts a fleet.
     *
     * @param name         state directory under {@code system-tests/target/} and suffix of the database name
     * @param workers      worker-service instances
     * @param callbacks    whether callbacks go to the api-service's webhook (plain HTTP allowed)
     * @param simulatorEnv further {@code APIXO_SIM_*} settings
     * @param serviceEnv   further settings of both services
     */
    public static Fleet start(String name, int workers, double simulatorTimeFactor, double pollTimeScale,
            boolean callbacks, Map<String, String> simulatorEnv, Map<String, String> serviceEnv) {
        StackLayout layout = StackLayout.discover();
        StackSettings.Builder builder = StackSettings.isolated(layout,
                        layout.root().resolve("system-tests/target/" + name), "genqueue_system_" + name, workers)
                .timeFactors(simulatorTimeFactor, pollTimeScale)
                .simulatorEnv("APIXO_SIM_SEED", "42");
        simulatorEnv.forEach(builder::simulatorEnv);
        serviceEnv.forEach(builder::serviceEnv);
        if (callbacks) {
            // the ports are chosen by isolated(): read the api-service's before pointing the workers at it
            builder.serviceEnv("GENQUEUE_CALLBACK_PUBLIC_BASE_URL", "http://127.0.0.1:" + builder.build().apiPort())
                    .serviceEnv("GENQUEUE_CALLBACK_ALLOW_HTTP", "true");
        }
        GenqueueStack stack = new GenqueueStack(builder.build());
        Thread hook = new Thread(stack::close, "fleet-stop-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
        return new Fleet(stack.start());
    }

    public GenqueueStack stack() {
        return stack;
    }

    /** Sends request JSON values onto the request topic, keyed by their request ids, and waits for the acks. */
    public void sendRequests(Map<String, String> byKey) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        byKey.forEach((key, value) -> sent.add(producer.send(new ProducerRecord<>(Topics.REQUESTS, key,
                value.getBytes(StandardCharsets.UTF_8)))));
        try {
            for (Future<RecordMetadata> ack : sent) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send requests", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code GET /_sim/stats} of the simulator. */
    public JsonNode simulatorStats(boolean tasks) {
        return getJson(stack.apixoBaseUrl() + "/_sim/stats" + (tasks ? "" : "?tasks=false"));
    }

    /** A Prometheus sample of a worker, e.g. {@code genqueue_worker_jobs_claimed_total}; 0 when absent. */
    public double metric(ServiceProcess worker, String name) {
        String text = get(worker.baseUrl() + "/q/metrics");
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The first column of the first row of a query, as a number (0 for NULL). */
    public double number(String sql, Object... params) {
        try (Connection c = connection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of a query as lists of column values. */
    public List<List<Object>> rows(String sql, Object... params) {
        try (Connection c = connection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        stack.close();
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.postgres().user(), stack.postgres().password());
    }

    private static JsonNode getJson(String url) {
        try {
            return Json.mapper().readTree(get(url));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer from " + url, e);
        }
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
