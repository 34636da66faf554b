package dev.genqueue.store.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The relay's SQL on the outbox table; every method runs on the caller's connection and transaction. */
final class OutboxRows {

    // SKIP LOCKED lets several relays work side by side: each claims rows no other relay holds
    private static final String CLAIM = """
            SELECT id, event_id, topic, record_key, payload, headers::text
              FROM outbox
             WHERE published_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
             ORDER BY id
             LIMIT ?
               FOR UPDATE SKIP LOCKED
            """;
    // clock_timestamp(), not now(): the acknowledgement time, not the start of the claiming transaction
    private static final String MARK_PUBLISHED = """
            UPDATE outbox SET published_at = clock_timestamp()
             WHERE id = ANY (?) AND published_at IS NULL
            RETURNING EXTRACT(EPOCH FROM clock_timestamp() - created_at)
            """;
    // exponent capped so power() cannot overflow however often a row was refused
    private static final String SET_ASIDE = """
            UPDATE outbox SET attempts = attempts + 1, last_error = ?,
                   next_attempt_at = now() + make_interval(secs => LEAST(? * power(2, LEAST(attempts, 20)), ?))
             WHERE id = ?
            """;
    // oldest ids first: published rows cluster at the low end of the key, so the scan stops early
    private static final String DELETE_PUBLISHED = """
            DELETE FROM outbox WHERE id IN (
                SELECT id FROM outbox
                 WHERE published_at < now() - make_interval(secs => ?)
                 ORDER BY id
                 LIMIT ?)
            """;
    private static final String COUNT_PENDING = """
            SELECT count(*), count(*) FILTER (WHERE next_attempt_at > now())
              FROM outbox WHERE published_at IS NULL
            """;
    private static final int ERROR_MAX_LENGTH = 1000;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    OutboxRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Locks up to {@code limit} unpublished rows in id order, skipping rows another relay holds. */
    List<PendingRecord> claim(Connection c, int limit) throws SQLException {
        List<PendingRecord> rows = new ArrayList<>(limit);
        try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
            claim.setInt(1, limit);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PendingRecord(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), headers(rs.getString(6))));
                }
            }
        }
        return rows;
    }

    /** Marks rows published; returns, per row, the seconds between its creation and now. */
    List<Double> markPublished(Connection c, List<Long> ids) throws SQLException {
        List<Double> lags = new ArrayList<>(ids.size());
        try (PreparedStatement mark = c.prepareStatement(MARK_PUBLISHED)) {
            mark.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = mark.executeQuery()) {
                while (rs.next()) {
                    lags.add(rs.getDouble(1));
                }
            }
        }
        return lags;
    }

    /** Records that Kafka refused these rows and delays their next attempt ({@code base × 2^attempts}, capped). */
    void setAside(Connection c, Map<Long, String> errors, Duration base, Duration max) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(SET_ASIDE)) {
            for (Map.Entry<Long, String> error : errors.entrySet()) {
                String message = error.getValue();
                update.setString(1, message.length() > ERROR_MAX_LENGTH ? message.substring(0, ERROR_MAX_LENGTH)
                        : message);
                update.setDouble(2, base.toMillis() / 1000.0);
                update.setDouble(3, max.toMillis() / 1000.0);
                update.setLong(4, error.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Deletes at most {@code limit} rows published longer than {@code retention} ago. */
    int deletePublished(Connection c, Duration retention, int limit) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(DELETE_PUBLISHED)) {
            delete.setDouble(1, retention.toMillis() / 1000.0);
            delete.setInt(2, limit);
            return delete.executeUpdate();
        }
    }

    /** Rows not yet published, and how many of them are set aside after Kafka refused them. */
    Backlog countPending(Connection c) throws SQLException {
        try (PreparedStatement count = c.prepareStatement(COUNT_PENDING); ResultSet rs = count.executeQuery()) {
            rs.next();
            return new Backlog(rs.getLong(1), rs.getLong(2));
        }
    }

    /** The unpublished rows: all of them, and those set aside. */
    record Backlog(long pending, long setAside) {
    }

    private Map<String, String> headers(String json) throws SQLException {
        if (json == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            throw new SQLException("outbox headers are not a JSON object of strings", e);
        }
    }
}
