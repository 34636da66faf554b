package dev.genqueue.worker.job;

import dev.genqueue.common.contract.StoredOutput;
import dev.genqueue.store.batch.GroupCommitter;
import dev.genqueue.store.outbox.OutboxRecord;
import dev.genqueue.store.outbox.OutboxWriter;
import dev.genqueue.store.sql.SqlStates;
import dev.genqueue.worker.config.WorkerConfig;
import dev.genqueue.worker.metrics.WorkerMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Group commit of job state writes: writes queued by many concurrent jobs are committed together, one
 * transaction per batch (updates batched per SQL shape, then transitions, outputs, dead letters and outbox
 * rows), so the cost per job stays a fraction of a transaction. A batch that fails is retried write by write,
 * so one bad write cannot sink its neighbours. Results complete on the writer thread: continuations must not
 * block.
 */
@ApplicationScoped
public class JobWriter {

    private static final Logger LOG = Logger.getLogger(JobWriter.class);
    private static final String INSERT_TRANSITION = """
            INSERT INTO job_transition (job_id, from_status, to_status, at, attempt, apixo_task_id, reason)
            VALUES (?, ?, ?, now(), ?, ?, ?)
            """;
    private static final String INSERT_OUTPUT = """
            INSERT INTO job_output (job_id, idx, original_url, location, size_bytes, sha256, content_type, stored_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (job_id, idx) DO NOTHING
            """;
    private static final String INSERT_DEAD_LETTER = """
            INSERT INTO dead_letter (id, kind, job_id, payload, reason, created_at)
            VALUES (?, ?, ?, ?, ?, now())
            ON CONFLICT (id) DO NOTHING
            """;
    private static final Duration OUTAGE_FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration OUTAGE_MAX_PAUSE = Duration.ofSeconds(2);

    private final EntityManager entityManager;
    private final OutboxWriter outbox;
    private final WorkerMetrics metrics;
    private final WorkerConfig.Writer config;
    private final GroupCommitter<JobWrite, WriteResult> committer;

    JobWriter(EntityManager entityManager, OutboxWriter outbox, WorkerMetrics metrics, WorkerConfig config) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.metrics = metrics;
        this.config = config.writer();
        this.committer = new GroupCommitter<>("genqueue-writer", this.config.batchSize(), this.config.threads(),
                this::flush);
    }

    /** Queues a write; the result tells whether the fencing check let it through. */
    public CompletableFuture<WriteResult> write(JobWrite write) {
        return committer.submit(write);
    }

    /** Starts the writer threads. */
    public void start() {
        committer.start();
    }

    /** Commits what is queued, then stops; writes still queued after {@code grace} fail. */
    public void stop(Duration grace) {
        committer.stop(grace);
    }

    // one batch on a writer thread; a failed batch is retried write by write by the committer
    private List<WriteResult> flush(List<JobWrite> batch) {
        List<WriteResult> results;
        long start = System.nanoTime();
        try {
            results = commit(batch);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                JobUpdate update = batch.get(0).update();
                LOG.warnf("job %s: state write %s -> %s failed: %s", update.jobId(), update.from(), update.to(),
                        rootMessage(e));
            }
            throw e;
        }
        metrics.writeBatch(batch.size(), System.nanoTime() - start);
        for (int i = 0; i < batch.size(); i++) {
            JobUpdate update = batch.get(i).update();
            if (results.get(i).applied() && update.changesStatus()) {
                metrics.transition(update.from(), update.to());
            }
        }
        return results;
    }

    /**
     * Commits a batch, retrying it while the database is unreachable (for up to {@code outage-retry}), so a
     * PostgreSQL restart does not turn a recorded APIXO answer into a job left to lease expiry. Retrying is
     * safe: every update is fenced by the job's version, so a batch whose commit went through before the
     * connection broke is refused on the retry, as a lost lease, never applied twice.
     */
    private List<WriteResult> commit(List<JobWrite> batch) {
        long deadline = System.nanoTime() + config.outageRetry().toNanos();
        long pauseMillis = OUTAGE_FIRST_PAUSE.toMillis();
        while (true) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> apply(batch));
            } catch (RuntimeException e) {
                if (!SqlStates.databaseUnavailable(e) || !committer.running()
                        || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) > deadline) {
                    throw e;
                }
                LOG.warnf("state writes of %d jobs wait for the database (%s); retrying in %d ms", batch.size(),
                        rootMessage(e), pauseMillis);
                metrics.writeRetried();
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, OUTAGE_MAX_PAUSE.toMillis());
            }
        }
    }

    private List<WriteResult> apply(List<JobWrite> batch) {
        Session session = entityManager.unwrap(Session.class);
        List<OutboxRecord> events = new ArrayList<>();
        List<WriteResult> results = session.doReturningWork(c -> {
            Instant now = databaseNow(c);
            boolean[] applied = update(c, batch);
            insertTransitions(c, batch, applied);
            insertOutputs(c, batch, applied);
            insertDeadLetters(c, batch, applied);
            List<WriteResult> outcome = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                if (applied[i]) {
                    events.addAll(batch.get(i).events().apply(now));
                }
                outcome.add(new WriteResult(applied[i], now));
            }
            return outcome;
        });
        outbox.appendAll(events);
        return results;
    }

    private static boolean[] update(Connection c, List<JobWrite> batch) throws SQLException {
        Map<String, List<Integer>> byShape = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            byShape.computeIfAbsent(batch.get(i).update().sql(), sql -> new ArrayList<>()).add(i);
        }
        boolean[] applied = new boolean[batch.size()];
        for (Map.Entry<String, List<Integer>> shape : byShape.entrySet()) {
            try (PreparedStatement statement = c.prepareStatement(shape.getKey())) {
                for (int index : shape.getValue()) {
                    batch.get(index).update().bind(statement);
                    statement.addBatch();
                }
                int[] counts = statement.executeBatch();
                for (int k = 0; k < counts.length; k++) {
                    applied[shape.getValue().get(k)] = counts[k] == 1;
                }
            }
        }
        return applied;
    }

    private static void insertTransitions(Connection c, List<JobWrite> batch, boolean[] applied) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_TRANSITION)) {
            int rows = 0;
            for (int i = 0; i < batch.size(); i++) {
                JobUpdate update = batch.get(i).update();
                if (applied[i] && update.changesStatus()) {
                    insert.setObject(1, update.jobId());
                    insert.setString(2, update.from().name());
                    insert.setString(3, update.to().name());
                    insert.setInt(4, update.attempt());
                    insert.setString(5, update.taskId());
                    insert.setString(6, update.reason());
                    insert.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                insert.executeBatch();
            }
        }
    }

    private static void insertOutputs(Connection c, List<JobWrite> batch, boolean[] applied) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_OUTPUT)) {
            int rows = 0;
            for (int i = 0; i < batch.size(); i++) {
                List<StoredOutput> outputs = batch.get(i).outputs();
                for (int index = 0; applied[i] && index < outputs.size(); index++) {
                    StoredOutput output = outputs.get(index);
                    insert.setObject(1, batch.get(i).update().jobId());
                    insert.setInt(2, index);
                    insert.setString(3, output.originalUrl());
                    insert.setString(4, output.location());
                    insert.setLong(5, output.sizeBytes());
                    insert.setString(6, output.sha256());
                    insert.setString(7, output.contentType());
                    insert.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                insert.executeBatch();
            }
        }
    }

    private static void insertDeadLetters(Connection c, List<JobWrite> batch, boolean[] applied)
            throws SQLException {
        PreparedStatement insert = null;
        try {
            for (int i = 0; i < batch.size(); i++) {
                JobDeadLetter letter = batch.get(i).deadLetter();
                if (applied[i] && letter != null) {
                    if (insert == null) {
                        insert = c.prepareStatement(INSERT_DEAD_LETTER);
                    }
                    insert.setObject(1, letter.id());
                    insert.setString(2, JobDeadLetter.KIND);
                    insert.setObject(3, letter.jobId());
                    insert.setString(4, letter.payload());
                    insert.setString(5, letter.reason());
                    insert.addBatch();
                }
            }
            if (insert != null) {
                insert.executeBatch();
            }
        } finally {
            if (insert != null) {
                insert.close();
            }
        }
    }

    private static Instant databaseNow(Connection c) throws SQLException {
        try (PreparedStatement now = c.prepareStatement("SELECT now()"); ResultSet rs = now.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

}
