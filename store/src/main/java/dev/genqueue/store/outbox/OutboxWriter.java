package dev.genqueue.store.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.util.List;
import org.hibernate.Session;

/**
 * Writes outbox rows inside the caller's transaction, so an event exists if and only if the state it
 * announces was committed. The relay publishes them afterwards; a commit in this application wakes it at once.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = """
            INSERT INTO outbox (event_id, topic, record_key, payload, headers, created_at)
            VALUES (?, ?, ?, ?, ?::jsonb, now())
            ON CONFLICT (event_id) DO NOTHING
            """;
    private static final Object WAKE_REGISTERED = new Object();

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    OutboxWriter(EntityManager entityManager, ObjectMapper mapper, TransactionSynchronizationRegistry transactions,
            OutboxRelay relay) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Appends one record; requires a running transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(OutboxRecord record) {
        appendAll(List.of(record));
    }

    /** Appends records in one JDBC batch; requires a running transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (OutboxRecord record : records) {
                    insert.setObject(1, record.eventId());
                    insert.setString(2, record.topic());
                    insert.setString(3, record.key());
                    insert.setString(4, record.payload());
                    insert.setString(5, record.headers().isEmpty() ? null : headersJson(record));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        wakeRelayAfterCommit();
    }

    // publishing right after the commit keeps event latency far below the relay's polling interval
    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }

    private String headersJson(OutboxRecord record) {
        try {
            return mapper.writeValueAsString(record.headers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("string headers always serialise", e);
        }
    }
}
