package dev.genqueue.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genqueue.api.Db;
import dev.genqueue.api.TopicRecorder;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.store.outbox.OutboxRecord;
import dev.genqueue.store.outbox.OutboxRelay;
import dev.genqueue.store.outbox.OutboxWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxRelayTest {

    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(20);

    @Inject
    OutboxWriter writer;

    @Inject
    OutboxRelay relay;

    @Inject
    Db db;

    private String topic;

    @BeforeEach
    void singlePartitionTopic() {
        // one partition: the relay's id order is the topic order, so a last record proves nothing came after
        topic = "genqueue.test.outbox." + UUID.randomUUID();
        TopicRecorder.createTopic(topic, 1);
    }

    @AfterEach
    void relayRunsAgain() {
        relay.start();
    }

    @Test
    void committedRowsArePublishedOnceWithEventIdAndHeadersAndRolledBackRowsNever() {
        List<OutboxRecord> rolledBack = records(3, "rolled-back");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            writer.appendAll(rolledBack);
            throw new IllegalStateException("the state change failed, so its events must not exist");
        })).isInstanceOf(IllegalStateException.class);
        List<OutboxRecord> committed = records(5, "committed");
        QuarkusTransaction.requiringNew().run(() -> writer.appendAll(committed));

        await().atMost(PUBLISHED_WITHIN).until(() -> TopicRecorder.records(topic).size() >= committed.size()
                && unpublished() == 0);
        OutboxRecord last = record("last");
        QuarkusTransaction.requiringNew().run(() -> writer.append(last));
        await().atMost(PUBLISHED_WITHIN).until(() -> eventIds().contains(last.eventId().toString()));

        List<ConsumerRecord<String, String>> seen = TopicRecorder.records(topic);
        assertThat(seen).hasSize(committed.size() + 1);
        for (int i = 0; i < committed.size(); i++) {
            OutboxRecord sent = committed.get(i);
            ConsumerRecord<String, String> received = seen.get(i);
            assertThat(TopicRecorder.header(received, Topics.HEADER_EVENT_ID)).isEqualTo(sent.eventId().toString());
            assertThat(TopicRecorder.header(received, "origin")).isEqualTo("committed");
            assertThat(received.key()).isEqualTo(sent.key());
            assertThat(received.value()).isEqualTo(sent.payload());
        }
        for (OutboxRecord never : rolledBack) {
            assertThat(db.number("SELECT count(*) FROM outbox WHERE event_id = ?::uuid", never.eventId().toString()))
                    .isZero();
        }
    }

    @Test
    void restartedRelayDoesNotRepublishRowsAlreadyMarked() {
        List<OutboxRecord> before = records(4, "before-restart");
        QuarkusTransaction.requiringNew().run(() -> writer.appendAll(before));
        await().atMost(PUBLISHED_WITHIN).until(() -> TopicRecorder.records(topic).size() >= before.size()
                && unpublished() == 0);

        relay.stop();
        assertThat(relay.isRunning()).isFalse();
        List<OutboxRecord> whileStopped = records(2, "while-stopped");
        QuarkusTransaction.requiringNew().run(() -> writer.appendAll(whileStopped));
        assertThat(unpublished()).isEqualTo(whileStopped.size());
        relay.start();

        OutboxRecord last = record("last");
        QuarkusTransaction.requiringNew().run(() -> writer.append(last));
        await().atMost(PUBLISHED_WITHIN).until(() -> eventIds().contains(last.eventId().toString()));

        List<String> expected = new ArrayList<>();
        before.forEach(r -> expected.add(r.eventId().toString()));
        whileStopped.forEach(r -> expected.add(r.eventId().toString()));
        expected.add(last.eventId().toString());
        assertThat(eventIds()).containsExactlyElementsOf(expected);
        assertThat(unpublished()).isZero();
    }

    @Test
    void rowKafkaRefusesIsSetAsideWithoutHoldingBackTheOthers() {
        // a topic name Kafka refuses: the send fails for the row itself, not because the broker is down
        OutboxRecord refused = new OutboxRecord(UUID.randomUUID(), "not a valid topic!", "k", "{}", Map.of());
        List<OutboxRecord> good = records(3, "next-to-refused");
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                writer.append(refused);
                writer.appendAll(good);
            });

            await().atMost(PUBLISHED_WITHIN).until(() -> TopicRecorder.records(topic).size() >= good.size());
            await().atMost(PUBLISHED_WITHIN).until(() -> db.number(
                    "SELECT count(*) FROM outbox WHERE event_id = ?::uuid AND attempts > 0 AND last_error IS NOT NULL"
                            + " AND next_attempt_at IS NOT NULL AND published_at IS NULL", refused.eventId().toString())
                    == 1);
            assertThat(eventIds()).containsExactlyElementsOf(good.stream().map(r -> r.eventId().toString()).toList());

            OutboxRecord later = record("after-refused");
            QuarkusTransaction.requiringNew().run(() -> writer.append(later));
            await().atMost(PUBLISHED_WITHIN).until(() -> eventIds().contains(later.eventId().toString()));
        } finally {
            db.update("DELETE FROM outbox WHERE event_id = ?::uuid", refused.eventId().toString());
        }
    }

    @Test
    void publishedRowsPastTheRetentionAreDeleted() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        db.update("INSERT INTO outbox (event_id, topic, payload, created_at, published_at) "
                + "VALUES (?, ?, '{}', now() - interval '3 days', now() - interval '3 days')", old, topic);
        db.update("INSERT INTO outbox (event_id, topic, payload, created_at, published_at) "
                + "VALUES (?, ?, '{}', now(), now())", recent, topic);

        await().atMost(PUBLISHED_WITHIN).until(() -> db.number(
                "SELECT count(*) FROM outbox WHERE event_id = ?", old) == 0);
        assertThat(db.number("SELECT count(*) FROM outbox WHERE event_id = ?", recent)).isEqualTo(1);
    }

    private long unpublished() {
        return db.number("SELECT count(*) FROM outbox WHERE topic = ? AND published_at IS NULL", topic);
    }

    private List<String> eventIds() {
        return TopicRecorder.records(topic).stream().map(r -> TopicRecorder.header(r, Topics.HEADER_EVENT_ID))
                .toList();
    }

    private List<OutboxRecord> records(int count, String origin) {
        return IntStream.range(0, count).mapToObj(i -> new OutboxRecord(UUID.randomUUID(), topic, origin + "-" + i,
                "{\"n\":" + i + "}", Map.of("origin", origin))).toList();
    }

    private OutboxRecord record(String origin) {
        return new OutboxRecord(UUID.randomUUID(), topic, origin, "{}", Map.of("origin", origin));
    }
}
