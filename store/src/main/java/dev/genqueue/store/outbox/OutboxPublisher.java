package dev.genqueue.store.outbox;

import dev.genqueue.common.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One relay pass: claim a batch of unpublished rows, send them, wait for the acknowledgements, mark the
 * acknowledged rows published and commit. The row locks are held until the commit, so no other relay sends
 * the same rows meanwhile; a crash after the send and before the commit re-sends them later (at-least-once,
 * the event id lets consumers drop the repeat).
 */
final class OutboxPublisher {

    // the producer's own delivery timeout bounds every send; this margin covers the last in-flight request
    private static final Duration ACK_MARGIN = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final OutboxRows rows;
    private final Producer<String, String> producer;
    private final OutboxMetrics metrics;
    private final OutboxConfig config;
    private final Duration ackTimeout;

    OutboxPublisher(DataSource dataSource, OutboxRows rows, Producer<String, String> producer, OutboxMetrics metrics,
            OutboxConfig config) {
        this.dataSource = dataSource;
        this.rows = rows;
        this.producer = producer;
        this.metrics = metrics;
        this.config = config;
        this.ackTimeout = config.producer().deliveryTimeout().plus(ACK_MARGIN);
    }

    /** Publishes at most {@code limit} rows in one transaction. */
    PassResult publishOnce(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                PassResult result = publish(c, limit);
                c.commit();
                c.setAutoCommit(true);
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        }
    }

    private PassResult publish(Connection c, int limit) throws SQLException {
        List<PendingRecord> claimed = rows.claim(c, limit);
        if (claimed.isEmpty()) {
            return PassResult.EMPTY;
        }
        Outcome outcome = sendAndAwait(claimed);
        if (!outcome.published().isEmpty()) {
            metrics.lags(rows.markPublished(c, outcome.published()));
            outcome.perTopic().forEach(metrics::published);
        }
        if (!outcome.refused().isEmpty()) {
            rows.setAside(c, outcome.refused(), config.initialBackoff(), config.maxBackoff());
            metrics.setAside(outcome.refused().size());
        }
        return new PassResult(claimed.size(), outcome.published().size(), outcome.refused().size(),
                outcome.unreachable());
    }

    private Outcome sendAndAwait(List<PendingRecord> claimed) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(claimed.size());
        Throwable unreachable = null;
        for (PendingRecord row : claimed) {
            Future<RecordMetadata> send;
            try {
                send = producer.send(toRecord(row));
            } catch (RuntimeException e) {
                unreachable = e;
                break;
            }
            sends.add(send);
            // no metadata within max.block.ms: the broker is unreachable and every further send would wait as long
            if (send.isDone() && isRetriable(failureOf(send))) {
                break;
            }
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<Long> published = new ArrayList<>(sends.size());
        Map<Long, String> refused = new LinkedHashMap<>();
        Map<String, Integer> perTopic = new HashMap<>();
        for (int i = 0; i < sends.size(); i++) {
            PendingRecord row = claimed.get(i);
            Throwable error = await(sends.get(i), deadline);
            if (error == null) {
                published.add(row.id());
                perTopic.merge(row.topic(), 1, Integer::sum);
            } else if (isRetriable(error)) {
                unreachable = unreachable == null ? error : unreachable;
            } else {
                refused.put(row.id(), error.getClass().getSimpleName() + ": " + error.getMessage());
            }
        }
        return new Outcome(published, refused, perTopic, unreachable);
    }

    /** Broker or network trouble that says nothing about the row itself. */
    private static boolean isRetriable(Throwable error) {
        return error instanceof RetriableException || error instanceof TimeoutException
                || error instanceof InterruptedException;
    }

    private static ProducerRecord<String, String> toRecord(PendingRecord row) {
        RecordHeaders headers = new RecordHeaders();
        row.headers().forEach((name, value) -> {
            if (!Topics.HEADER_EVENT_ID.equals(name)) {
                headers.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        });
        headers.add(Topics.HEADER_EVENT_ID, row.eventId().toString().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(row.topic(), null, row.key(), row.payload(), headers);
    }

    private static Throwable await(Future<RecordMetadata> send, long deadlineNanos) {
        try {
            send.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private static Throwable failureOf(Future<RecordMetadata> done) {
        return await(done, System.nanoTime());
    }

    // a broken connection fails the rollback too; the original error is the one worth reporting
    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private record Outcome(List<Long> published, Map<Long, String> refused, Map<String, Integer> perTopic,
            Throwable unreachable) {
    }
}
