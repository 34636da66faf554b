package dev.genqueue.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genqueue.common.contract.Topics;
import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiverResource;
import dev.genqueue.worker.support.JobStoreQueries;
import dev.genqueue.worker.support.KafkaTopics;
import dev.genqueue.worker.support.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Records whose bytes PostgreSQL cannot store as text (NUL in the key, in a reason, invalid UTF-8 in the key, a
 * megabyte key) are dead letters like any other bad record, and the valid records behind them become jobs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class HostileRecordTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    JobStoreQueries store;

    @Test
    void recordsPostgresqlCannotStoreAreDeadLetteredAndTheRecordsBehindThemBecomeJobs() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "hostile-" + run;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        records.add(record(utf8(run + "-nul-key-\u0000"), utf8(Requests.json("a", tenant, "nano-banana", "nul key"))));
        records.add(record(utf8(run + "-nul-model"), utf8("{\"requestId\":\"b\",\"tenantId\":\"" + tenant
                + "\",\"model\":\"nano\\u0000banana\",\"input\":{\"prompt\":\"x\"}}")));
        records.add(record(utf8(run + "-nul-field"), utf8("{\"requestId\":\"c\",\"tenantId\":\"" + tenant
                + "\",\"mo\\u0000del\":\"x\",\"input\":{\"prompt\":\"x\"}}")));
        records.add(record(new byte[] {'k', (byte) 0xC3, (byte) 0x28, 0}, utf8("{}")));
        records.add(record(utf8(run + "-mega-key-" + "k".repeat(600_000)), utf8("{}")));
        List<RecordMetadata> written = KafkaTopics.sendBytes(records);
        List<ProducerRecord<byte[], byte[]>> valid = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            valid.add(record(utf8(run + "-valid-" + i), utf8(Requests.json("valid-" + i, tenant, "nano-banana",
                    "a valid picture " + i))));
        }

        KafkaTopics.sendBytes(valid);

        for (int i = 0; i < 3; i++) {
            String requestId = "valid-" + i;
            await().atMost(WITHIN).until(() -> store.jobByRequest(tenant, requestId).isPresent());
        }
        for (RecordMetadata hostile : written) {
            String reason = await().atMost(WITHIN).until(() -> store.value("SELECT max(reason) FROM dead_letter"
                    + " WHERE source_topic = ? AND source_partition = ? AND source_offset = ?", String.class,
                    Topics.REQUESTS, hostile.partition(), hostile.offset()), found -> found != null);
            assertThat(reason).isNotBlank().doesNotContain("\u0000");
        }
    }

    private static ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ProducerRecord<>(Topics.REQUESTS, key, value);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
