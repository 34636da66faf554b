package dev.genqueue.store.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Reads {@code dead_letter} rows; the payload column comes complete or as a preview of a given length. */
final class DeadLetterRows {

    /** Columns of {@code dead_letter d}; the single parameter is the payload's preview length in characters. */
    static final String COLUMNS = """
            d.id, d.kind, d.source_topic, d.source_partition, d.source_offset, d.record_key,
            left(d.payload, ?) AS payload, coalesce(octet_length(d.payload), 0) AS payload_bytes,
            coalesce(char_length(d.payload), 0) AS payload_chars, d.reason, d.original_reason, d.job_id,
            d.created_at, d.redriven_at, d.redriven_job_id, d.redrive_count, d.last_redrive_at,
            d.last_redrive_outcome, d.original_payload IS NOT NULL AS payload_replaced""";

    private DeadLetterRows() {
    }

    static DeadLetter read(ResultSet rs) throws SQLException {
        String payload = rs.getString("payload");
        return new DeadLetter(
                rs.getObject("id", UUID.class),
                DeadLetterKind.parse(rs.getString("kind")).orElse(null),
                rs.getString("kind"),
                rs.getString("source_topic"),
                (Integer) rs.getObject("source_partition"),
                (Long) rs.getObject("source_offset"),
                rs.getString("record_key"),
                payload,
                rs.getLong("payload_bytes"),
                payload != null && payload.length() < rs.getLong("payload_chars"),
                rs.getString("reason"),
                rs.getString("original_reason"),
                rs.getObject("job_id", UUID.class),
                instant(rs, "created_at"),
                instant(rs, "redriven_at"),
                rs.getObject("redriven_job_id", UUID.class),
                rs.getInt("redrive_count"),
                instant(rs, "last_redrive_at"),
                rs.getString("last_redrive_outcome"),
                rs.getBoolean("payload_replaced"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
