package dev.genqueue.store.deadletter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.GenerationRequest;
import dev.genqueue.store.intake.IntakeOutcome;
import dev.genqueue.store.intake.IntakeSource;
import dev.genqueue.store.intake.JobIntake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Redrives a few dead letters in one transaction: lock them, plan each, accept the valid requests through
 * {@link JobIntake} and record every attempt. A record and the job it became commit together or not at all.
 */
@ApplicationScoped
class RedriveTransaction {

    private final EntityManager entityManager;
    private final JobIntake intake;

    RedriveTransaction(EntityManager entityManager, JobIntake intake) {
        this.entityManager = entityManager;
        this.intake = intake;
    }

    /** Redrives {@code ids} (results in the same order); {@code fixes} replace the payloads of some of them. */
    @Transactional
    List<RedriveResult> redrive(List<UUID> ids, Map<UUID, ObjectNode> fixes) {
        Session session = entityManager.unwrap(Session.class);
        Map<UUID, RedriveCandidate> rows = session.doReturningWork(c -> RedriveStore.lock(c, ids));
        List<UUID> jobIds = rows.values().stream().map(RedriveCandidate::jobId).filter(Objects::nonNull).toList();
        Map<UUID, OriginalJob> jobs = session.doReturningWork(c -> RedriveStore.jobs(c, jobIds));

        List<RedrivePlan> plans = new ArrayList<>(ids.size());
        List<RedrivePlan.Accept> accepts = new ArrayList<>();
        for (UUID id : ids) {
            RedriveCandidate row = rows.get(id);
            RedrivePlan plan = RedrivePlanner.plan(id, row, fixes.get(id), row == null ? null : jobOf(row, jobs));
            plans.add(plan);
            if (plan instanceof RedrivePlan.Accept accept) {
                accepts.add(accept);
            }
        }
        List<GenerationRequest> requests = accepts.stream().map(RedrivePlan.Accept::request).toList();
        List<IntakeOutcome> outcomes = intake.acceptAll(requests, IntakeSource.REDRIVE);

        List<RedriveResult> results = new ArrayList<>(ids.size());
        List<RedriveStore.Attempt> attempts = new ArrayList<>();
        int next = 0;
        for (RedrivePlan plan : plans) {
            if (plan instanceof RedrivePlan.Accept accept) {
                RedriveResult result = RedrivePlanner.resultOf(accept, outcomes.get(next++));
                results.add(result);
                attempts.add(new RedriveStore.Attempt(result, accept.newPayload()));
            } else if (plan instanceof RedrivePlan.Answer answer) {
                results.add(answer.result());
                if (answer.attempted()) {
                    attempts.add(new RedriveStore.Attempt(answer.result(), answer.newPayload()));
                }
            }
        }
        session.doWork(c -> RedriveStore.record(c, attempts));
        return results;
    }

    private static OriginalJob jobOf(RedriveCandidate row, Map<UUID, OriginalJob> jobs) {
        return row.jobId() == null ? null : jobs.get(row.jobId());
    }
}
