package dev.genqueue.system.chaos;

import dev.genqueue.common.job.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a finished scenario from the outside, as an auditor would: the job store (every request became one
 * job, every job terminal with exactly one terminal transition and a legal history), the result topic (at
 * least one event per job, raw repeats counted, none left after the consumer's dedupe) and the simulator
 * (APIXO tasks per job, duplicates only inside recorded windows).
 */
final class ChaosAudit {

    /** What the audit found. */
    record Result(int requests, int jobs, long terminal, long succeeded, long lost, long duplicateTerminalStates,
            long illegalHistories, long rawEvents, long rawDuplicateEvents, long jobsWithoutEvent,
            long jobsWithSeveralEventIds, long duplicatesAfterDedupe, long windowHits, long windowJobs,
            SubmitLedger.Result submits, long maxKafkaIntakeMillis, List<String> windowHitDetails,
            List<String> findings) {

        /** Whether every guarantee held (window hits are allowed, duplicates outside them are not). */
        boolean clean() {
            return lost == 0 && duplicateTerminalStates == 0 && illegalHistories == 0 && jobsWithoutEvent == 0
                    && jobsWithSeveralEventIds == 0 && duplicatesAfterDedupe == 0
                    && submits.orphansOutsideWindow() == 0 && submits.unexplainedRecordedTasks() == 0
                    && submits.fingerprintMismatches() == 0;
        }
    }

    private ChaosAudit() {
    }

    /**
     * Waits up to {@code timeout} for the tenant's jobs to be terminal and the outbox empty, then audits.
     *
     * @param requestIds every request id the load sent
     * @param load       what the load sent, with the broker's acknowledgement time of each Kafka-door request
     * @param fromMillis when the scenario started (wall clock), to tell its APIXO tasks from earlier ones
     */
    static Result run(ChaosStack stack, String tenantId, Set<String> requestIds, LoadGenerator.Report load,
            long fromMillis, Duration timeout) {
        ChaosDatabase db = stack.db();
        awaitSettled(db, tenantId, requestIds.size(), timeout);
        Map<String, JobHistories.Job> jobs = JobHistories.of(db, tenantId);
        List<String> findings = new ArrayList<>();
        long lost = 0;
        for (String requestId : requestIds) {
            JobHistories.Job job = jobs.get(requestId);
            if (job == null || !job.status().isTerminal()) {
                lost++;
                findings.add(requestId + (job == null ? " never became a job" : " is still " + job.status()));
            }
        }
        long terminal = jobs.values().stream().filter(j -> j.status().isTerminal()).count();
        long succeeded = jobs.values().stream().filter(j -> j.status() == JobStatus.SUCCEEDED).count();
        long duplicateTerminal = 0;
        long illegal = 0;
        long windowHits = 0;
        long windowJobs = 0;
        List<String> windowDetails = new ArrayList<>();
        for (JobHistories.Job job : jobs.values()) {
            if (job.terminalSteps() > 1) {
                duplicateTerminal++;
                findings.add(job.requestId() + " has " + job.terminalSteps() + " terminal transitions");
            }
            String illegalStep = job.illegalStep();
            if (illegalStep != null) {
                illegal++;
                findings.add(job.requestId() + " history: " + illegalStep);
            }
            long unknown = job.unknownSubmitOutcomes();
            if (unknown > 0) {
                windowHits += unknown;
                windowJobs++;
            }
        }

        Map<UUID, ResultEvents.PerJob> events = ResultEvents.consume(stack.stack().kafka().bootstrapServers(), tenantId,
                stack.consumerJdbcUrl(), stack.stack().postgres().user(), stack.stack().postgres().password());
        long raw = 0;
        long rawDuplicates = 0;
        long withoutEvent = 0;
        long severalIds = 0;
        long afterDedupe = 0;
        for (JobHistories.Job job : jobs.values()) {
            ResultEvents.PerJob seen = events.get(job.id());
            if (seen == null) {
                withoutEvent++;
                findings.add(job.requestId() + " (" + job.status() + ") has no result event");
                continue;
            }
            raw += seen.raw();
            rawDuplicates += seen.raw() - 1;
            if (seen.eventIds().size() > 1) {
                severalIds++;
                findings.add(job.requestId() + " has events with " + seen.eventIds().size() + " different ids");
            }
            afterDedupe += Math.max(0, seen.handled() - 1);
            if (!seen.statuses().equals(Set.of(job.status().wireName()))) {
                findings.add(job.requestId() + " is " + job.status() + " but its events say " + seen.statuses());
            }
        }

        Set<String> recordedAll = new HashSet<>();
        db.rows("""
                SELECT apixo_task_id FROM job_transition WHERE apixo_task_id IS NOT NULL
                UNION SELECT apixo_task_id FROM job WHERE apixo_task_id IS NOT NULL
                """).forEach(row -> recordedAll.add((String) row.get(0)));
        SubmitLedger.Result submits = SubmitLedger.of(jobs, recordedAll, stack.simulatorStats(), fromMillis);
        findings.addAll(submits.findings());
        for (JobHistories.Job job : jobs.values()) {
            job.steps().stream().filter(JobHistories.Step::unknownSubmitOutcome).forEach(step -> windowDetails.add(
                    job.id() + " " + job.requestId() + " (" + String.valueOf(job.delivery()).toLowerCase(Locale.ROOT) + "): " + step.reason()
                            + " -> " + submits.orphanByRequest().getOrDefault(job.requestId(), "no task was created")));
        }
        long maxIntake = 0;
        for (Map.Entry<String, Long> acked : load.kafkaAckedAt().entrySet()) {
            JobHistories.Job job = jobs.get(acked.getKey());
            if (job != null) {
                maxIntake = Math.max(maxIntake, job.acceptedAtMillis() - acked.getValue());
            }
        }
        return new Result(requestIds.size(), jobs.size(), terminal, succeeded, lost, duplicateTerminal, illegal, raw,
                rawDuplicates, withoutEvent, severalIds, afterDedupe, windowHits, windowJobs, submits, maxIntake,
                List.copyOf(windowDetails), List.copyOf(findings));
    }

    private static void awaitSettled(ChaosDatabase db, String tenantId, int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastLog = 0;
        while (System.nanoTime() < deadline) {
            List<Object> counts = db.rows("""
                    SELECT count(*), count(*) FILTER (WHERE status NOT IN ('SUCCEEDED', 'FAILED', 'TIMED_OUT')),
                           (SELECT count(*) FROM outbox WHERE published_at IS NULL)
                      FROM job WHERE tenant_id = ?
                    """, tenantId).get(0);
            long jobs = ((Number) counts.get(0)).longValue();
            long open = ((Number) counts.get(1)).longValue();
            long unpublished = ((Number) counts.get(2)).longValue();
            if (jobs >= expected && open == 0 && unpublished == 0) {
                return;
            }
            if (System.nanoTime() - lastLog > Duration.ofSeconds(10).toNanos()) {
                ChaosLog.info("waiting: %d of %d jobs, %d not terminal, %d events unpublished", jobs, expected, open,
                        unpublished);
                lastLog = System.nanoTime();
            }
            pause();
        }
        ChaosLog.info("gave up waiting after %s; auditing what is there", timeout);
    }

    // polling the database while it settles; Awaitility would hide the progress lines
    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
