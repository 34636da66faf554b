package dev.genqueue.store.callback;

import dev.genqueue.common.job.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Records callbacks as hints on their job, in one short transaction: the token is checked in constant time,
 * the payload stored, and a job waiting on APIXO made due now so a worker confirms its state with a status
 * query. Never changes a job's state: only a worker does, after that confirmation.
 */
@ApplicationScoped
public class CallbackHints {

    /** The PostgreSQL channel notified (at commit) when a callback made a job due; workers may LISTEN on it. */
    public static final String JOBS_DUE_CHANNEL = "genqueue_jobs_due";

    // NO KEY UPDATE: serialises concurrent callbacks of a job without blocking job_transition inserts
    private static final String LOCK = """
            SELECT status, callback_token_hash, apixo_task_id, callback_received_at IS NOT NULL AS received,
                   attempts, delivery, callback_count, adopt_until IS NOT NULL AS awaiting_announcement,
                   callback_payload #>> '{data,taskId}' AS hinted_task, callback_payload #>> '{data,state}' AS hinted_state,
                   (lease_owner IS NULL OR next_run_at IS NULL OR next_run_at <= now()) AS unleased
              FROM job WHERE id = ? FOR NO KEY UPDATE
            """;
    // next_run_at only moves earlier, and only for an unleased job: a lease's expiry is its owner's business
    private static final String STORE = """
            UPDATE job SET callback_received_at = now(), callback_payload = ?::jsonb, updated_at = now(),
                   callback_count = callback_count + 1,
                   next_run_at = CASE WHEN ? THEN LEAST(coalesce(next_run_at, now()), now()) ELSE next_run_at END
             WHERE id = ?
            """;
    private static final String NOTIFY = "SELECT pg_notify('" + JOBS_DUE_CHANNEL + "', '')";
    private static final String NO_HASH = CallbackTokens.hash("no job has this hash");

    private final EntityManager entityManager;
    private final int maxPerTask;

    CallbackHints(EntityManager entityManager,
            @ConfigProperty(name = "genqueue.callback.max-per-task", defaultValue = "20") int maxPerTask) {
        this.entityManager = entityManager;
        if (maxPerTask < 1) {
            throw new IllegalArgumentException("genqueue.callback.max-per-task must be at least 1");
        }
        this.maxPerTask = maxPerTask;
    }

    /** Checks and stores one callback; answers after the commit, so an accepted hint is durable. */
    @Transactional
    public HintResult record(CallbackHint hint) {
        return entityManager.unwrap(Session.class).doReturningWork(c -> record(c, hint));
    }

    private HintResult record(Connection c, CallbackHint hint) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK)) {
            lock.setObject(1, hint.jobId());
            try (ResultSet job = lock.executeQuery()) {
                if (!job.next()) {
                    // compare anyway, so an unknown job takes as long as a wrong token
                    CallbackTokens.matches(hint.token(), NO_HASH);
                    return HintResult.rejected("unknown job");
                }
                if (!CallbackTokens.matches(hint.token(), job.getString("callback_token_hash"))) {
                    return HintResult.rejected(job.getString("callback_token_hash") == null
                            ? "the job has no callback token" : "wrong token");
                }
                return decide(c, hint, job);
            }
        }
    }

    private HintResult decide(Connection c, CallbackHint hint, ResultSet job) throws SQLException {
        JobStatus status = JobStatus.valueOf(job.getString("status"));
        if (status.isTerminal()) {
            return HintResult.duplicate("job already " + status.wireName());
        }
        if (hint.attempt() != null && hint.attempt() != job.getInt("attempts")) {
            return HintResult.duplicate("callback of attempt " + hint.attempt() + ", the job is at attempt "
                    + job.getInt("attempts"));
        }
        // a polling job is followed by status queries; its callback only matters while its task id is unknown
        if (status != JobStatus.SUBMITTING && "POLLING".equals(job.getString("delivery"))) {
            return HintResult.duplicate("polling job " + status.wireName() + ": followed by status queries");
        }
        String currentTask = job.getString("apixo_task_id");
        if (currentTask != null && hint.taskId() != null && !currentTask.equals(hint.taskId())) {
            return HintResult.duplicate("callback of task " + hint.taskId() + ", not of the job's current task");
        }
        if (job.getBoolean("received") && Objects.equals(job.getString("hinted_task"), hint.taskId())
                && Objects.equals(job.getString("hinted_state"), hint.state())) {
            return HintResult.duplicate("same task and state already received");
        }
        if (job.getInt("callback_count") >= maxPerTask) {
            return new HintResult(CallbackOutcome.CAPPED, "the attempt already stored " + maxPerTask + " callbacks",
                    false);
        }
        // a job waiting for its orphaned task to announce itself is due as soon as the task did
        boolean adoptable = status == JobStatus.SUBMITTING && job.getBoolean("awaiting_announcement")
                && hint.taskId() != null;
        boolean makeDue = (status.isAwaitingApixo() || adoptable) && job.getBoolean("unleased");
        try (PreparedStatement store = c.prepareStatement(STORE)) {
            store.setString(1, hint.payload());
            store.setBoolean(2, makeDue);
            store.setObject(3, hint.jobId());
            store.executeUpdate();
        }
        if (makeDue) {
            try (PreparedStatement notify = c.prepareStatement(NOTIFY); ResultSet ignored = notify.executeQuery()) {
                // delivered to listeners when the transaction commits
            }
        }
        return new HintResult(CallbackOutcome.ACCEPTED,
                makeDue ? "job made due" : "hint stored, job " + status.wireName(), makeDue);
    }
}
