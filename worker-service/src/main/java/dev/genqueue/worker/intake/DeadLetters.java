package dev.genqueue.worker.intake;

import dev.genqueue.common.contract.Topics;
import dev.genqueue.store.outbox.OutboxRecord;
import dev.genqueue.store.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Records refused intake records: a {@code dead_letter} row and, through the outbox, a copy of the original
 * value on {@link Topics#REQUESTS_DLQ} with the reason and origin in headers. Both are keyed by the record's
 * topic/partition/offset, so a redelivered record is dead-lettered once.
 */
@ApplicationScoped
public class DeadLetters {

    /** {@code dead_letter.kind} of refused request records. */
    public static final String KIND = "intake";
    /** Set to {@code base64} when the original value is not UTF-8 text and was encoded to be carried. */
    public static final String HEADER_PAYLOAD_ENCODING = "dead-letter-payload-encoding";

    private static final int REASON_MAX = 2000;
    // one set-based insert that reports which rows are new (batch counts are not reliable for inserts)
    private static final String INSERT = """
            INSERT INTO dead_letter (id, kind, source_topic, source_partition, source_offset, record_key, payload,
                                     reason, created_at)
            SELECT d.id, ?, d.topic, d.partition, d.record_offset, d.record_key, d.payload, d.reason, now()
              FROM unnest(?::uuid[], ?::text[], ?::integer[], ?::bigint[], ?::text[], ?::text[], ?::text[])
                   AS d(id, topic, partition, record_offset, record_key, payload, reason)
            ON CONFLICT (source_topic, source_partition, source_offset) DO NOTHING
            RETURNING id
            """;

    private final EntityManager entityManager;
    private final OutboxWriter outbox;

    DeadLetters(EntityManager entityManager, OutboxWriter outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /** The stable id of a record's dead letter (and of its DLQ copy). */
    public static UUID idOf(SourceRecord source) {
        return UUID.nameUUIDFromBytes(("genqueue-dead-letter:" + source.topic() + "/" + source.partition() + "/"
                + source.offset()).getBytes(StandardCharsets.UTF_8));
    }

    /** Dead-letters {@code records} in the caller's transaction; answers how many were new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int record(List<Triaged.Invalid> records) {
        if (records.isEmpty()) {
            return 0;
        }
        int n = records.size();
        Object[] ids = new Object[n];
        String[] topics = new String[n];
        Object[] partitions = new Object[n];
        Object[] offsets = new Object[n];
        String[] keys = new String[n];
        String[] payloads = new String[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            SourceRecord source = records.get(i).source();
            ids[i] = idOf(source);
            topics[i] = source.topic();
            partitions[i] = source.partition();
            offsets[i] = source.offset();
            keys[i] = source.key();
            payloads[i] = payload(source.value()).text();
            reasons[i] = reason(records.get(i));
        }
        Set<UUID> inserted = entityManager.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setString(1, KIND);
                insert.setArray(2, c.createArrayOf("uuid", ids));
                insert.setArray(3, c.createArrayOf("text", topics));
                insert.setArray(4, c.createArrayOf("integer", partitions));
                insert.setArray(5, c.createArrayOf("bigint", offsets));
                insert.setArray(6, c.createArrayOf("text", keys));
                insert.setArray(7, c.createArrayOf("text", payloads));
                insert.setArray(8, c.createArrayOf("text", reasons));
                Set<UUID> rows = new HashSet<>();
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getObject(1, UUID.class));
                    }
                }
                return rows;
            }
        });
        List<OutboxRecord> copies = records.stream().filter(record -> inserted.contains(idOf(record.source())))
                .map(DeadLetters::copy).toList();
        outbox.appendAll(copies);
        return copies.size();
    }

    private static OutboxRecord copy(Triaged.Invalid record) {
        SourceRecord source = record.source();
        Payload payload = payload(source.value());
        Map<String, String> headers = new HashMap<>();
        headers.put(Topics.HEADER_DLQ_REASON, reason(record));
        headers.put(Topics.HEADER_DLQ_TOPIC, source.topic());
        headers.put(Topics.HEADER_DLQ_PARTITION, String.valueOf(source.partition()));
        headers.put(Topics.HEADER_DLQ_OFFSET, String.valueOf(source.offset()));
        if (payload.base64()) {
            headers.put(HEADER_PAYLOAD_ENCODING, "base64");
        }
        return new OutboxRecord(idOf(source), Topics.REQUESTS_DLQ, source.key(), payload.text(), headers);
    }

    private static String reason(Triaged.Invalid record) {
        String reason = record.reason();
        return reason.length() <= REASON_MAX ? reason : reason.substring(0, REASON_MAX) + "…";
    }

    // text columns hold neither invalid UTF-8 nor NUL: such values travel base64-encoded, and say so
    private static Payload payload(byte[] value) {
        if (value == null) {
            return new Payload("", false);
        }
        String text = RecordTriage.utf8(value);
        if (text != null && text.indexOf('\u0000') < 0) {
            return new Payload(text, false);
        }
        return new Payload(Base64.getEncoder().encodeToString(value), true);
    }

    private record Payload(String text, boolean base64) {
    }
}
