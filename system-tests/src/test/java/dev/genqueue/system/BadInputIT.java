package dev.genqueue.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.common.job.JobStatus;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input at both doors of the running system: problems over REST, dead letters on Kafka, nothing lost. */
@ExtendWith(SystemStack.class)
class BadInputIT {


    private final Requests requests = new Requests("bad-input-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void tenKindsOfBadRestBodiesGetProblemJsonAndNeverAServerError() {
        JobsApi api = new JobsApi(SystemStack.stack().api().baseUrl());
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("not JSON", bytes("prompt=a lighthouse"));
        bodies.put("truncated JSON", bytes("{\"requestId\":\"x\",\"tenantId\":"));
        bodies.put("an array", bytes("[" + requests.valid("rest-bad", 0) + "]"));
        bodies.put("no model", edited(0, body -> body.remove("model")));
        bodies.put("unknown model", edited(1, body -> body.put("model", "dall-e-9")));
        bodies.put("blank prompt", edited(2, body -> ((ObjectNode) body.get("input")).put("prompt", "   ")));
        bodies.put("prompt of 5001 characters",
                edited(3, body -> ((ObjectNode) body.get("input")).put("prompt", "p".repeat(5001))));
        bodies.put("prompt not a string", edited(4, body -> ((ObjectNode) body.get("input")).put("prompt", 42)));
        bodies.put("mode the model lacks", edited(5, body -> ((ObjectNode) body.get("input")).put("mode", "upscale")));
        bodies.put("input not an object", edited(6, body -> body.put("input", "a lighthouse")));

        bodies.forEach((kind, body) -> {
            HttpResponse<String> response = api.post(body, "application/json");
            assertThat(response.statusCode()).as("%s: %s", kind, response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(kind).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = JobsApi.read(response.body());
            assertThat(problem.path("status").asInt()).as(kind).isEqualTo(400);
            assertThat(problem.path("title").asText()).as(kind).isNotBlank();
            assertThat(response.body()).as(kind).doesNotContain("Exception", "at dev.genqueue");
        });
        assertThat(new JobRecords(SystemStack.stack()).jobsOf(requests.tenantId())).isEmpty();
    }

    @Test
    void invalidKafkaRecordsAreDeadLetteredWithAReasonWhileValidRecordsAroundThemComplete() {
        List<byte[]> bad = List.of(
                bytes("not json at all"),
                bytes("{\"requestId\":\"truncated\","),
                new byte[0],
                new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff, 0x00},
                bytes("[1, 2, 3]"),
                edited(0, body -> body.remove("model")),
                edited(1, body -> body.put("model", "dall-e-9")),
                edited(2, body -> ((ObjectNode) body.get("input")).put("prompt", "")),
                edited(3, body -> ((ObjectNode) body.get("input")).put("prompt", "p".repeat(5001))),
                edited(4, body -> body.remove("requestId")));
        String badKeyPrefix = "bad-" + requests.tenantId() + "-";
        List<String> validRequestIds = new ArrayList<>();
        try (KafkaTopics kafka = new KafkaTopics(SystemStack.stack().kafka().bootstrapServers())) {
            // one partition, so every bad record sits between two valid ones in the consumer's order
            for (int n = 0; n <= bad.size(); n++) {
                ObjectNode valid = requests.valid("kafka-good", n);
                validRequestIds.add(valid.get("requestId").asText());
                kafka.send(Topics.REQUESTS, 0, valid.get("requestId").asText(), bytes(valid.toString()));
                if (n < bad.size()) {
                    kafka.send(Topics.REQUESTS, 0, badKeyPrefix + n, bad.get(n));
                }
            }

            await("ten dead letters").atMost(Duration.ofSeconds(90))
                    .until(() -> deadLetters(kafka, badKeyPrefix).size() == bad.size());
            for (ConsumerRecord<String, byte[]> letter : deadLetters(kafka, badKeyPrefix)) {
                assertThat(header(letter, Topics.HEADER_DLQ_REASON)).as("reason of %s", letter.key()).isNotBlank();
                assertThat(header(letter, Topics.HEADER_DLQ_TOPIC)).isEqualTo(Topics.REQUESTS);
                int n = Integer.parseInt(letter.key().substring(badKeyPrefix.length()));
                assertThat(originalBytes(letter)).as("the original bytes of %s", letter.key()).isEqualTo(bad.get(n));
            }
        }

        JobRecords records = new JobRecords(SystemStack.stack());
        await("the valid records around them completed").atMost(Duration.ofMinutes(3)).until(() -> {
            Map<String, JobRecords.JobRow> jobs = records.jobsOf(requests.tenantId());
            return jobs.keySet().containsAll(validRequestIds)
                    && jobs.values().stream().allMatch(job -> job.status().isTerminal());
        });
        assertThat(records.jobsOf(requests.tenantId()).values())
                .hasSize(validRequestIds.size())
                .allSatisfy(job -> assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED));
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(KafkaTopics kafka, String keyPrefix) {
        return kafka.readAll(Topics.REQUESTS_DLQ).stream()
                .filter(record -> record.key() != null && record.key().startsWith(keyPrefix))
                .toList();
    }

    // a value that is not UTF-8 text travels base64-encoded through the outbox, and says so in a header
    private static byte[] originalBytes(ConsumerRecord<String, byte[]> letter) {
        return "base64".equals(header(letter, Topics.HEADER_DLQ_PAYLOAD_ENCODING))
                ? Base64.getDecoder().decode(letter.value())
                : letter.value();
    }

    private byte[] edited(int n, Consumer<ObjectNode> edit) {
        ObjectNode body = requests.valid("bad", n);
        edit.accept(body);
        return bytes(body.toString());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
