package dev.genqueue.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiverResource;
import dev.genqueue.worker.support.JobStoreQueries;
import dev.genqueue.worker.support.JobStoreQueries.DeadLetterRow;
import dev.genqueue.worker.support.KafkaTopics;
import dev.genqueue.worker.support.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class DeadLetterIntakeTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    JobStoreQueries store;

    @Inject
    IntakeWriter intake;

    @BeforeAll
    static void watchTopics() {
        KafkaTopics.startWatching();
    }

    @Test
    void malformedAndInvalidRecordsAreDeadLetteredWhileValidRecordsAroundThemComplete() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "dlq-" + run;
        Map<String, BadRecord> bad = badRecords(run, tenant);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(text(run + "-valid-1", Requests.json("valid-1", tenant, "nano-banana", "first valid")));
        records.add(text(run + "-conflict", Requests.json("conflicting", tenant, "nano-banana", "the original")));
        bad.forEach((key, record) -> {
            records.add(new ProducerRecord<>(Topics.REQUESTS, key, record.value()));
            if (key.endsWith("blank-prompt")) {
                records.add(text(run + "-valid-2", Requests.json("valid-2", tenant, "nano-banana", "second valid")));
            }
        });
        records.add(text(run + "-valid-3", Requests.json("valid-3", tenant, "nano-banana", "third valid")));

        KafkaTopics.sendRaw(records);

        for (String requestId : List.of("valid-1", "valid-2", "valid-3", "conflicting")) {
            await().atMost(WITHIN).until(() -> store.jobByRequest(tenant, requestId)
                    .filter(job -> job.status() == JobStatus.SUCCEEDED).isPresent());
        }
        for (Map.Entry<String, BadRecord> entry : bad.entrySet()) {
            String key = entry.getKey();
            DeadLetterRow row = await().atMost(WITHIN).until(() -> store.deadLetterByKey(key).orElse(null),
                    found -> found != null);
            assertThat(row.kind()).isEqualTo(DeadLetters.KIND);
            assertThat(row.topic()).isEqualTo(Topics.REQUESTS);
            assertThat(row.reason()).as(key).contains(entry.getValue().reason());

            await().atMost(WITHIN).until(() -> !KafkaTopics.deadLettersFor(key).isEmpty());
            List<ConsumerRecord<String, String>> copies = KafkaTopics.deadLettersFor(key);
            assertThat(copies).as(key).hasSize(1);
            ConsumerRecord<String, String> copy = copies.get(0);
            assertThat(KafkaTopics.header(copy, Topics.HEADER_DLQ_REASON)).isEqualTo(row.reason());
            assertThat(KafkaTopics.header(copy, Topics.HEADER_DLQ_TOPIC)).isEqualTo(Topics.REQUESTS);
            assertThat(KafkaTopics.header(copy, Topics.HEADER_DLQ_PARTITION)).isEqualTo(String.valueOf(row.partition()));
            assertThat(KafkaTopics.header(copy, Topics.HEADER_DLQ_OFFSET)).isEqualTo(String.valueOf(row.offset()));
            if (KafkaTopics.header(copy, DeadLetters.HEADER_PAYLOAD_ENCODING) != null) {
                assertThat(Base64.getDecoder().decode(copy.value())).isEqualTo(entry.getValue().value());
            } else {
                // a tombstone's copy carries an empty value: the outbox holds text, never null
                byte[] original = entry.getValue().value() == null ? new byte[0] : entry.getValue().value();
                assertThat(copy.value().getBytes(StandardCharsets.UTF_8)).isEqualTo(original);
            }
        }
        assertThat(KafkaTopics.header(KafkaTopics.deadLettersFor(run + "-not-utf8").get(0),
                DeadLetters.HEADER_PAYLOAD_ENCODING)).isEqualTo("base64");
        assertThat(store.jobCount(tenant)).isEqualTo(4);
    }

    @Test
    void redeliveredRecordsAreHarmless() {
        String tenant = "redelivery-" + UUID.randomUUID();
        SourceRecord valid = new SourceRecord("test.redelivery", 0, 1, "again-valid",
                Requests.json("again", tenant, "nano-banana", "delivered twice").getBytes(StandardCharsets.UTF_8));
        SourceRecord invalid = new SourceRecord("test.redelivery", 0, 2, "again-invalid-" + tenant,
                "not json".getBytes(StandardCharsets.UTF_8));
        List<Triaged> batch = List.of(RecordTriage.triage(valid), RecordTriage.triage(invalid));

        IntakeSummary first = intake.write(batch);
        IntakeSummary second = intake.write(batch);

        assertThat(first.created()).isEqualTo(1);
        assertThat(second.created()).isZero();
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(store.jobCount(tenant)).isEqualTo(1);
        assertThat(store.deadLetterCount("again-invalid-" + tenant)).isEqualTo(1);
        assertThat(store.outboxPayloads(Topics.REQUESTS_DLQ, "again-invalid-" + tenant)).hasSize(1);
    }

    private static Map<String, BadRecord> badRecords(String run, String tenant) {
        Map<String, BadRecord> bad = new LinkedHashMap<>();
        bad.put(run + "-not-json", new BadRecord(utf8("this is not json"), "value is not valid JSON"));
        bad.put(run + "-json-array", new BadRecord(utf8("[1,2,3]"), "body must be a JSON object"));
        bad.put(run + "-missing-tenant", new BadRecord(utf8(withField(valid(tenant), "tenantId", null)),
                "tenantId: is required"));
        bad.put(run + "-unknown-model", new BadRecord(utf8(withField(valid(tenant), "model", "dall-e-9")),
                "model: unknown model"));
        bad.put(run + "-bad-mode", new BadRecord(utf8(withInput(valid(tenant), "mode", "text-to-video")),
                "input.mode: must be one of"));
        bad.put(run + "-blank-prompt", new BadRecord(utf8(withInput(valid(tenant), "prompt", "   ")),
                "input.prompt: must not be blank"));
        bad.put(run + "-long-prompt", new BadRecord(utf8(withInput(valid(tenant), "prompt", "x".repeat(5001))),
                "input.prompt: must be at most 5000 characters"));
        ObjectNode numberPrompt = valid(tenant);
        ((ObjectNode) numberPrompt.get("input")).put("prompt", 42);
        bad.put(run + "-prompt-number", new BadRecord(utf8(numberPrompt.toString()), "input.prompt: must be a string"));
        bad.put(run + "-input-string", new BadRecord(utf8(withField(valid(tenant), "input", "draw a cat")),
                "input: must be a JSON object"));
        bad.put(run + "-unknown-field", new BadRecord(utf8(withField(valid(tenant), "colour", "red")),
                "colour: unknown field"));
        bad.put(run + "-not-utf8", new BadRecord("{\"prompt\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1),
                "value is not valid UTF-8"));
        bad.put(run + "-conflict", new BadRecord(utf8(Requests.json("conflicting", tenant, "nano-banana",
                "a different body")), "requestId: already used by job"));
        bad.put(run + "-tombstone", new BadRecord(null, "record has no value"));
        return bad;
    }

    private static ObjectNode valid(String tenant) {
        try {
            return (ObjectNode) Json.mapper().readTree(Requests.json("r-" + UUID.randomUUID(), tenant, "nano-banana",
                    "a valid prompt"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withField(ObjectNode body, String field, String value) {
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return body.toString();
    }

    private static String withInput(ObjectNode body, String field, String value) {
        ((ObjectNode) body.get("input")).put(field, value);
        return body.toString();
    }

    private static ProducerRecord<String, byte[]> text(String key, String value) {
        return new ProducerRecord<>(Topics.REQUESTS, key, utf8(value));
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private record BadRecord(byte[] value, String reason) {
    }
}
