package dev.genqueue.system.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.system.quota.Fleet;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Half polling, half callback, 500 jobs through the packaged services: the simulator's webhooks reach the
 * api-service, two worker processes confirm and finish the jobs. Every job succeeds with one result event,
 * and callback jobs need at most one status query each on average.
 */
class MixedDeliveryIT {

    private static final int JOBS = 500;
    private static final String TENANT = "mixed-delivery";
    private static final List<String> MODELS = List.of("nano-banana", "wan-2-5", "seedream-4-5");

    private static Fleet fleet;

    @BeforeAll
    static void startFleet() {
        fleet = Fleet.start("mixed", 2, 0.01, 0.05, true, Map.of(), Map.of());
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void halfPollingHalfCallbackAllSucceedOnceAndCallbackJobsBarelyPoll() {
        Map<String, String> requests = new LinkedHashMap<>();
        for (int i = 0; i < JOBS; i++) {
            String id = "mixed-" + i;
            String delivery = i % 2 == 0 ? "polling" : "callback";
            requests.put(id, "{\"requestId\":\"" + id + "\",\"tenantId\":\"" + TENANT + "\",\"model\":\""
                    + MODELS.get(i % MODELS.size()) + "\",\"delivery\":\"" + delivery
                    + "\",\"input\":{\"prompt\":\"a mixed picture " + i + "\"}}");
        }

        fleet.sendRequests(requests);

        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).until(() -> fleet.number(
                "SELECT count(*) FROM job WHERE tenant_id = ? AND status IN ('SUCCEEDED', 'FAILED', 'TIMED_OUT')",
                TENANT) == JOBS);
        assertThat(fleet.number("SELECT count(*) FROM job WHERE tenant_id = ? AND status = 'SUCCEEDED'", TENANT))
                .isEqualTo(JOBS);
        assertThat(fleet.number("SELECT count(*) FROM job WHERE tenant_id = ? AND delivery = 'CALLBACK'", TENANT))
                .isEqualTo(JOBS / 2);

        JsonNode tasks = fleet.simulatorStats(true).path("tasks");
        long callbackStatusCalls = 0;
        int callbackJobs = 0;
        for (List<Object> row : fleet.rows(
                "SELECT apixo_task_id FROM job WHERE tenant_id = ? AND delivery = 'CALLBACK'", TENANT)) {
            callbackStatusCalls += tasks.path((String) row.get(0)).path("statusCalls").asLong();
            callbackJobs++;
        }
        double perCallbackJob = callbackStatusCalls / (double) callbackJobs;
        System.out.printf("mixed delivery: %d callback jobs made %d status calls (%.2f each)%n", callbackJobs,
                callbackStatusCalls, perCallbackJob);
        assertThat(perCallbackJob).isLessThanOrEqualTo(1.0);

        List<Object> ids = fleet.rows("SELECT id::text FROM job WHERE tenant_id = ?", TENANT).stream()
                .map(row -> row.get(0)).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(resultEventsByJob()::containsKey));
        Map<String, Integer> events = resultEventsByJob();
        for (Object id : ids) {
            assertThat(events.get((String) id)).as("events of job %s", id).isEqualTo(1);
        }
        assertThat(fleet.metric(fleet.stack().api(), "genqueue_callbacks_total")).isGreaterThanOrEqualTo(JOBS / 2.0);
    }

    private static Map<String, Integer> resultEventsByJob() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.stack().kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "mixed-delivery-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RESULTS));
            int empty = 0;
            while (empty < 3) {
                var records = consumer.poll(Duration.ofSeconds(2));
                empty = records.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<String, String> record : records) {
                    counts.merge(record.key(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
