package dev.genqueue.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genqueue.common.contract.Topics;
import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiverResource;
import dev.genqueue.worker.support.KafkaTopics;
import dev.genqueue.worker.support.ProxiedPostgresResource;
import dev.genqueue.worker.support.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A database outage pauses the Kafka door and it resumes by itself: while the store is cut off, readiness
 * reports the door waiting and liveness stays UP; when the store is back every record sent meanwhile becomes a
 * job and none becomes a dead letter.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
// restricted: a resource on one class otherwise applies to every test of the module
@QuarkusTestResource(value = ProxiedPostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class StoreOutageTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final int DURING = 50;

    @TestHTTPResource("/q/health/live")
    URL live;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anOutagePausesTheDoorAndItResumesByItselfWhenTheStoreIsBack() throws Exception {
        String tenant = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics.sendRequests(List.of(KafkaTopics.request(tenant + "-before",
                Requests.json("before", tenant, "nano-banana", "before the outage"))));
        await().atMost(WITHIN).until(() -> count("SELECT count(*) FROM job WHERE tenant_id = ?", tenant) == 1);

        ProxiedPostgresResource.proxy().cut();
        try {
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (int i = 0; i < DURING; i++) {
                records.add(KafkaTopics.request(tenant + "-during-" + i,
                        Requests.json("during-" + i, tenant, "nano-banana", "sent during the outage " + i)));
            }
            KafkaTopics.sendRequests(records);

            await().atMost(WITHIN).until(() -> body(ready).contains("\"kafka-intake\"")
                    && status(ready) == 503 && intakeDown());
            assertThat(status(live)).as("liveness during the outage").isEqualTo(200);
        } finally {
            ProxiedPostgresResource.proxy().restore();
        }

        await().atMost(WITHIN).until(() -> count("SELECT count(*) FROM job WHERE tenant_id = ?", tenant)
                == DURING + 1);
        await().atMost(WITHIN).until(() -> !intakeDown());
        assertThat(status(live)).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM dead_letter WHERE record_key LIKE ?", tenant + "-%")).isZero();
    }

    private boolean intakeDown() throws Exception {
        String health = body(ready);
        int at = health.indexOf("\"kafka-intake\"");
        return at >= 0 && health.substring(at, Math.min(health.length(), at + 80)).contains("DOWN");
    }

    private int status(URL url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String body(URL url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    // around the proxy, so the assertions never depend on the outage
    private static long count(String sql, String param) throws Exception {
        try (Connection c = DriverManager.getConnection(ProxiedPostgresResource.direct(),
                PostgresResource.server().user(), PostgresResource.server().password());
                PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, param);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
