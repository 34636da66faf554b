package dev.genqueue.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A write that fails while the worker stops (its pool and transactions closing under it) says nothing about the
 * record: the door must not store it another way, let alone skip it, but leave the batch unacknowledged so that
 * the partition's next owner reads it again.
 */
class StoppingIntakeTest {

    @Test
    void aWriteThatFailsWhileStoppingLeavesTheBatchUnacknowledgedAndTriesNothingElse() {
        AtomicInteger writes = new AtomicInteger();
        IntakeWriter closing = new IntakeWriter(null, null) {
            @Override
            public IntakeSummary write(List<Triaged> records) {
                writes.incrementAndGet();
                throw new IllegalStateException("the datasource is closed");
            }
        };
        StorageWait storage = new StorageWait();
        storage.onStop(null);
        RequestConsumer consumer = new RequestConsumer(closing, null, storage, null, null);
        byte[] value = "{\"tenantId\":\"t\",\"requestId\":\"r-1\",\"model\":\"nano-banana\",\"input\":{\"prompt\":\"a fox\"}}"
                .getBytes(StandardCharsets.UTF_8);
        ConsumerRecords<byte[], byte[]> batch = new ConsumerRecords<>(Map.of(new TopicPartition("requests", 0),
                List.of(new ConsumerRecord<>("requests", 0, 7L, "r-1".getBytes(StandardCharsets.UTF_8), value))));

        assertThatThrownBy(() -> consumer.consume(batch)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the datasource is closed");
        assertThat(writes).hasValue(1);
    }
}
