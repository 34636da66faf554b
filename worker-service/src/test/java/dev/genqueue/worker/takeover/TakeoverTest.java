package dev.genqueue.worker.takeover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genqueue.common.contract.Json;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.callback.CallbackTokens;
import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.apixo.ApixoClient;
import dev.genqueue.worker.apixo.SubmitOutcome;
import dev.genqueue.worker.apixo.SubmitRequest;
import dev.genqueue.worker.job.ClaimedJob;
import dev.genqueue.worker.job.JobUpdate;
import dev.genqueue.worker.job.JobWrite;
import dev.genqueue.worker.job.JobWriter;
import dev.genqueue.worker.job.Lease;
import dev.genqueue.worker.job.LeasedWrites;
import dev.genqueue.worker.job.WriteResult;
import dev.genqueue.worker.support.CallbackReceiverResource;
import dev.genqueue.worker.support.JobHistory;
import dev.genqueue.worker.support.JobStoreQueries;
import dev.genqueue.worker.support.JobStoreQueries.JobRow;
import dev.genqueue.worker.support.JobStoreQueries.TransitionRow;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A worker that claimed a job and died: another takes the job over after the lease, and the dead one's late writes change nothing. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class TakeoverTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String DEAD_WORKER = "crashed-worker";
    private static final String PLANT_JOB = """
            INSERT INTO job (id, tenant_id, request_id, request_fingerprint, model, input, source, status, attempts,
                             next_run_at, lease_owner, version, accepted_at, updated_at)
            VALUES (?, ?, ?, 'planted', 'nano-banana', ?::jsonb, 'KAFKA', ?, ?,
                    now() + interval '400 milliseconds', ?, ?, now(), now())
            """;
    private static final String PLANT_TRANSITION = """
            INSERT INTO job_transition (job_id, from_status, to_status, at, attempt) VALUES (?, ?, ?, now(), ?)
            """;

    @Inject
    JobStoreQueries store;

    @Inject
    JobWriter writer;

    @Inject
    LeasedWrites leasedWrites;

    @Inject
    MeterRegistry registry;

    @Inject
    ApixoClient apixo;

    @Test
    void orphanedSubmitWhoseTaskAnnouncedItselfIsAdoptedNotSubmittedAgain() throws Exception {
        UUID id = plant(JobStatus.SUBMITTING, 1, 7);
        // the dead owner's call reached APIXO, and the task's callback reached the webhook before the owner's
        // answer was recorded: a real task with a hint naming it
        SubmitOutcome outcome = apixo.submit(new SubmitRequest(id, "nano-banana", Json.mapper().createObjectNode()
                .put("mode", "text-to-image").put("prompt", "a job whose worker died"), null))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        String taskId = ((SubmitOutcome.Accepted) outcome).taskId();
        store.execute("UPDATE job SET callback_token_hash = ?, callback_received_at = now(), callback_payload = ?::jsonb"
                + " WHERE id = ?", CallbackTokens.hash(CallbackTokens.newToken()),
                "{\"code\": 200, \"data\": {\"taskId\": \"" + taskId + "\", \"state\": \"success\"}}", id);

        JobRow done = awaitTerminal(id);

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.attempts()).as("not submitted again").isEqualTo(1);
        assertThat(done.taskId()).isEqualTo(taskId);
        List<TransitionRow> history = store.history(id);
        JobHistory.assertLegalPath(history, JobStatus.SUCCEEDED);
        assertThat(history).anySatisfy(step -> {
            assertThat(step.from()).isEqualTo(JobStatus.SUBMITTING);
            assertThat(step.to()).isEqualTo(JobStatus.SUBMITTED);
            assertThat(step.reason()).startsWith("adopted task " + taskId + " of attempt 1");
        });
        assertThat(history).noneSatisfy(step -> assertThat(step.reason()).contains("UNKNOWN_SUBMIT_OUTCOME"));
    }

    @Test
    void orphanedSubmitWithACallbackUrlWaitsForItsTaskAndResubmitsOnlyWhenNoneAnnouncedItself() throws Exception {
        UUID id = plant(JobStatus.SUBMITTING, 1, 7);
        store.execute("UPDATE job SET callback_token_hash = ? WHERE id = ?",
                CallbackTokens.hash(CallbackTokens.newToken()), id);

        // taken over after the dead owner's lease: the job waits, unleased, for the announcement
        await().atMost(WITHIN).until(() -> Long.valueOf(1).equals(store.value("SELECT count(*) FROM job WHERE id = ?"
                + " AND adopt_until IS NOT NULL AND lease_owner IS NULL", Long.class, id))
                || store.job(id).status() != JobStatus.SUBMITTING);
        awaitResubmittedOnce(id, "UNKNOWN_SUBMIT_OUTCOME (orphaned)",
                "no task announced itself through the attempt's callback within the adoption wait", "resubmitting");
        assertThat(registry.counter("genqueue.worker.submit.adoptions", "step", "waiting").count()).isPositive();
    }

    @Test
    void jobOrphanedMidSubmitIsTakenOverResubmittedAndTheDeadOwnersAnswerIsRejected() throws Exception {
        UUID id = plant(JobStatus.SUBMITTING, 1, 7);

        JobRow done = awaitResubmittedOnce(id, "UNKNOWN_SUBMIT_OUTCOME (orphaned)", "resubmitting");
        List<TransitionRow> history = store.history(id);

        WriteResult late = writer.write(JobWrite.of(JobUpdate.of(id, 7, JobStatus.SUBMITTING, 1, null, 0)
                .moveTo(JobStatus.SUBMITTED, "late answer").taskId("task_from_the_dead")))
                .get(10, TimeUnit.SECONDS);

        assertThat(late.applied()).isFalse();
        JobRow after = store.job(id);
        assertThat(after.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(after.version()).isEqualTo(done.version());
        assertThat(after.taskId()).isEqualTo(done.taskId()).isNotEqualTo("task_from_the_dead");
        assertThat(store.history(id)).hasSameSizeAs(history);
    }

    // the orphaned attempt ended in one more submit that succeeded, recorded in the history with the reason
    private JobRow awaitResubmittedOnce(UUID id, String... reason) {
        JobRow done = awaitTerminal(id);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        List<TransitionRow> history = store.history(id);
        JobHistory.assertLegalPath(history, JobStatus.SUCCEEDED);
        assertThat(history).anySatisfy(step -> {
            assertThat(step.from()).isEqualTo(JobStatus.SUBMITTING);
            assertThat(step.to()).isEqualTo(JobStatus.QUEUED);
            assertThat(step.reason()).contains(reason);
        });
        return done;
    }

    @Test
    void queuedJobOfADeadOwnerIsClaimedAfterItsLeaseAndTheStaleWriteIsCountedNotApplied() throws Exception {
        UUID id = plant(JobStatus.QUEUED, 0, 3);
        ClaimedJob deadOwnersView = claimedAsTheDeadOwner(id, 3);

        JobRow done = awaitTerminal(id);

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(1);
        JobHistory.assertLegalPath(store.history(id), JobStatus.SUCCEEDED);

        double lostBefore = registry.counter("genqueue.worker.fencing.lost").count();
        Lease deadLease = new Lease(deadOwnersView, System.nanoTime());
        boolean owned = leasedWrites.apply(deadLease, deadLease.update().moveTo(JobStatus.SUBMITTING, "woke up late")
                .attempts(1)).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(owned).isFalse();
        assertThat(deadLease.isLost()).isTrue();
        assertThat(registry.counter("genqueue.worker.fencing.lost").count()).isEqualTo(lostBefore + 1);
        assertThat(store.job(id).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(store.job(id).version()).isEqualTo(done.version());
    }

    private UUID plant(JobStatus status, int attempts, long version) {
        UUID id = UUID.randomUUID();
        String input = Json.mapper().createObjectNode().put("mode", "text-to-image")
                .put("prompt", "a job whose worker died").toString();
        store.execute(PLANT_JOB, id, "takeover-" + id, "planted-" + id, input, status.name(), attempts, DEAD_WORKER,
                version);
        store.execute(PLANT_TRANSITION, id, null, JobStatus.QUEUED.name(), 0);
        if (status != JobStatus.QUEUED) {
            store.execute(PLANT_TRANSITION, id, JobStatus.QUEUED.name(), status.name(), attempts);
        }
        JobRow planted = store.job(id);
        assertThat(planted.leaseOwner()).isEqualTo(DEAD_WORKER);
        return id;
    }

    private static ClaimedJob claimedAsTheDeadOwner(UUID id, long version) {
        Instant now = Instant.now();
        return new ClaimedJob(id, version, JobStatus.QUEUED, "takeover-" + id, "planted-" + id, null, "nano-banana",
                Json.mapper().createObjectNode().put("prompt", "a job whose worker died"), null, 0, null, 0, 0, 0,
                null, null, null, List.of(), now, null, null, now, now);
    }

    private JobRow awaitTerminal(UUID id) {
        return await().atMost(WITHIN).until(() -> store.job(id), job -> job.status().isTerminal());
    }
}
