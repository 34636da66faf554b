package dev.genqueue.worker.intake;

import dev.genqueue.common.contract.Topics;
import dev.genqueue.common.validation.RequestLimits;
import dev.genqueue.common.validation.Text;
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
    /** The original key base64-encoded, when the copy's key is only its printable form. */
    public static final String HEADER_RAW_KEY = "dead-letter-raw-key";

    private static final int REASON_MAX = 2000;
    private static final int KEY_MAX = 256;
    // one set-based insert that reports which rows are new (batch counts are not reliable for inserts)
    private static final String INSERT = """
            INSERT INTO dead_letter (id, kind, source_topic, source_partition, source_offset, record_key, raw_key,
                                     payload, payload_encoding, reason, created_at)
            SELECT d.id, ?, d.topic, d.partition, d.record_offset, d.record_key, d.raw_key, d.payload, d.encoding,
                   d.reason, now()
              FROM unnest(?::uuid[], ?::text[], ?::integer[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::text[])
                   AS d(id, topic, partition, record_offset, record_key, raw_key, payload, encoding, reason)
            ON CONFLICT (source_topic, source_partition, source_offset) DO NOTHING
            RETURNING id
            """;
    // the last resort: nothing but ASCII and base64, so no data error can refuse it
    private static final String INSERT_MINIMAL = """
            INSERT INTO dead_letter (id, kind, source_topic, source_partition, source_offset, raw_key, payload,
                                     payload_encoding, reason, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'base64', ?, now())
            ON CONFLICT (source_topic, source_partition, source_offset) DO NOTHING
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
        String[] rawKeys = new String[n];
        String[] payloads = new String[n];
        String[] encodings = new String[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            SourceRecord source = records.get(i).source();
            ids[i] = idOf(source);
            topics[i] = source.topic();
            partitions[i] = source.partition();
            offsets[i] = source.offset();
            keys[i] = key(source);
            rawKeys[i] = keyStoredAsIs(source) ? null : base64(source.key());
            Payload payload = payload(source.value());
            payloads[i] = payload.text();
            encodings[i] = payload.base64() ? "base64" : null;
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
                insert.setArray(7, c.createArrayOf("text", rawKeys));
                insert.setArray(8, c.createArrayOf("text", payloads));
                insert.setArray(9, c.createArrayOf("text", encodings));
                insert.setArray(10, c.createArrayOf("text", reasons));
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

    /**
     * The last resort for a record even a dead letter could not be stored for: its own transaction, a row of
     * coordinates, the raw key and value base64-encoded and an ASCII reason. Answers whether a row was written.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean recordMinimal(SourceRecord source, String reason) {
        String ascii = ascii(reason);
        return entityManager.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT_MINIMAL)) {
                insert.setObject(1, idOf(source));
                insert.setString(2, KIND);
                insert.setString(3, ascii(source.topic()));
                insert.setInt(4, source.partition());
                insert.setLong(5, source.offset());
                insert.setString(6, base64(source.key()));
                insert.setString(7, source.value() == null ? null : base64(source.value()));
                insert.setString(8, ascii);
                return insert.executeUpdate() > 0;
            }
        });
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
        if (!keyStoredAsIs(source) && source.key().length <= RequestLimits.KEY_MAX_BYTES) {
            headers.put(HEADER_RAW_KEY, base64(source.key()));
        }
        return new OutboxRecord(idOf(source), Topics.REQUESTS_DLQ, key(source), payload.text(), headers);
    }

    private static String reason(Triaged.Invalid record) {
        return Text.printable(record.reason(), REASON_MAX);
    }

    // the key as it came when that is storable text, else its printable form (the raw bytes travel base64)
    private static String key(SourceRecord source) {
        if (source.key() == null) {
            return null;
        }
        if (keyStoredAsIs(source)) {
            return source.keyText();
        }
        String text = source.keyText();
        return Text.printable(text != null ? text : new String(source.key(), StandardCharsets.UTF_8), KEY_MAX);
    }

    private static boolean keyStoredAsIs(SourceRecord source) {
        if (source.key() == null) {
            return true;
        }
        String text = source.keyText();
        return text != null && source.key().length <= KEY_MAX && Text.firstForbidden(text, false) < 0;
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    private static String ascii(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), REASON_MAX));
        for (int i = 0; i < text.length() && out.length() < REASON_MAX; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }

    // text columns hold neither invalid UTF-8 nor NUL: such values travel base64-encoded, and say so
    private static Payload payload(byte[] value) {
        if (value == null) {
            return new Payload("", false);
        }
        String text = Text.utf8(value);
        if (text != null && text.indexOf('\u0000') < 0) {
            return new Payload(text, false);
        }
        return new Payload(Base64.getEncoder().encodeToString(value), true);
    }

    private record Payload(String text, boolean base64) {
    }
}
