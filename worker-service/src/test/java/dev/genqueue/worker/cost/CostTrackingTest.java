package dev.genqueue.worker.cost;

import static dev.genqueue.worker.support.KafkaTopics.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.contract.OpsEvent;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiverResource;
import dev.genqueue.worker.support.JobStoreQueries;
import dev.genqueue.worker.support.KafkaTopics;
import dev.genqueue.worker.support.Requests;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Estimated costs on jobs, events and meters, and the daily threshold alert (0.50 USD in the test profile). */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class CostTrackingTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    JobStoreQueries store;

    @Inject
    MeterRegistry registry;

    private final String tenant = "cost-" + UUID.randomUUID();

    @BeforeAll
    static void watchTopics() {
        KafkaTopics.startWatching();
    }

    @Test
    void finishedJobsCarryTheirEstimatedCostAndTheDaysTotalRaisesOneAlertForTheFleet() throws Exception {
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> "cost-" + i).toList();
        KafkaTopics.sendRequests(ids.stream().map(id -> request(id, Requests.json(id, tenant, "nano-banana",
                "a priced picture " + id))).toList());
        KafkaTopics.sendRequests(List.of(request("refunded", Requests.json("refunded", tenant, "nano-banana",
                "a refused picture #sim:fail=NSFW"))));

        for (String id : ids) {
            var job = await().atMost(WITHIN).until(() -> store.jobByRequest(tenant, id).orElse(null),
                    row -> row != null && row.status().isTerminal());
            assertThat(job.costUsd()).isEqualByComparingTo("0.03");
            JsonNode event = Json.mapper().readTree(store.outboxPayloads(Topics.RESULTS, job.id().toString()).get(0));
            assertThat(event.path("costUsd").decimalValue()).isEqualByComparingTo("0.03");
        }
        var refused = await().atMost(WITHIN).until(() -> store.jobByRequest(tenant, "refunded").orElse(null),
                row -> row != null && row.status().isTerminal());
        assertThat(refused.costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(registry.find("genqueue.worker.cost.usd").tag("tenant", tenant).counters())
                .extracting(counter -> counter.count()).singleElement()
                .satisfies(total -> assertThat(total).isCloseTo(0.60, Offset.offset(1e-9)));

        await().atMost(WITHIN).until(() -> registry.get("genqueue.cost.daily.alert").gauge().value() == 1.0);
        await().atMost(WITHIN).until(() -> !alerts().isEmpty());
        assertThat(alerts()).hasSize(1).first().satisfies(record -> {
            JsonNode alert = Json.mapper().readTree(record.value());
            assertThat(alert.path("kind").asText()).isEqualTo(OpsEvent.COST_THRESHOLD_EXCEEDED);
            assertThat(UUID.fromString(alert.path("eventId").asText()))
                    .isEqualTo(CostTracker.alertId(alert.path("details").path("day").asText()));
            assertThat(alert.path("details").path("thresholdUsd").decimalValue()).isEqualByComparingTo("0.5");
        });
    }

    private static List<ConsumerRecord<String, String>> alerts() {
        return KafkaTopics.opsEvents().stream()
                .filter(record -> OpsEvent.COST_THRESHOLD_EXCEEDED.equals(record.key())).toList();
    }
}
