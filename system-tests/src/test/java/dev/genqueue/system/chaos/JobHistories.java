package dev.genqueue.system.chaos;

import dev.genqueue.common.job.JobStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Every job of a tenant with its {@code job_transition} history, read in one pass. */
final class JobHistories {

    /** The reason prefix the worker writes when a submit's outcome is unknown. */
    static final String UNKNOWN_SUBMIT_OUTCOME = "UNKNOWN_SUBMIT_OUTCOME";

    /** One transition; {@code from} is null for the creation. */
    record Step(JobStatus from, JobStatus to, String taskId, String reason, long atMillis) {

        boolean unknownSubmitOutcome() {
            return reason != null && reason.startsWith(UNKNOWN_SUBMIT_OUTCOME);
        }
    }

    /** A job row and its history in write order. */
    record Job(UUID id, String requestId, JobStatus status, String delivery, String model, String taskId,
            long acceptedAtMillis, List<Step> steps) {

        long terminalSteps() {
            return steps.stream().filter(step -> step.to().isTerminal()).count();
        }

        long unknownSubmitOutcomes() {
            return steps.stream().filter(Step::unknownSubmitOutcome).count();
        }

        /** The first illegal step, or null when the history is a legal path from creation on. */
        String illegalStep() {
            if (steps.isEmpty() || steps.get(0).from() != null || steps.get(0).to() != JobStatus.QUEUED) {
                return "does not start with its creation as queued";
            }
            for (int i = 1; i < steps.size(); i++) {
                JobStatus previous = steps.get(i - 1).to();
                Step step = steps.get(i);
                if (step.from() != previous || !previous.canTransitionTo(step.to())) {
                    return "step " + i + ": " + step.from() + " -> " + step.to() + " after " + previous;
                }
            }
            JobStatus last = steps.get(steps.size() - 1).to();
            return last == status ? null : "history ends in " + last + " but the job is " + status;
        }
    }

    private JobHistories() {
    }

    /** The tenant's jobs keyed by request id. */
    static Map<String, Job> of(ChaosDatabase db, String tenantId) {
        Map<UUID, List<Step>> steps = new LinkedHashMap<>();
        for (List<Object> row : db.rows("""
                SELECT t.job_id, t.from_status, t.to_status, t.apixo_task_id, t.reason,
                       (extract(epoch FROM t.at) * 1000)::bigint
                  FROM job_transition t JOIN job j ON j.id = t.job_id
                 WHERE j.tenant_id = ?
                 ORDER BY t.job_id, t.id
                """, tenantId)) {
            steps.computeIfAbsent((UUID) row.get(0), id -> new ArrayList<>()).add(new Step(
                    row.get(1) == null ? null : JobStatus.valueOf((String) row.get(1)),
                    JobStatus.valueOf((String) row.get(2)), (String) row.get(3), (String) row.get(4),
                    ((Number) row.get(5)).longValue()));
        }
        Map<String, Job> jobs = new LinkedHashMap<>();
        for (List<Object> row : db.rows("""
                SELECT id, request_id, status, delivery, model, apixo_task_id,
                       (extract(epoch FROM accepted_at) * 1000)::bigint
                  FROM job WHERE tenant_id = ?
                """, tenantId)) {
            UUID id = (UUID) row.get(0);
            jobs.put((String) row.get(1), new Job(id, (String) row.get(1), JobStatus.valueOf((String) row.get(2)),
                    (String) row.get(3), (String) row.get(4), (String) row.get(5), ((Number) row.get(6)).longValue(),
                    List.copyOf(steps.getOrDefault(id, List.of()))));
        }
        return jobs;
    }
}
