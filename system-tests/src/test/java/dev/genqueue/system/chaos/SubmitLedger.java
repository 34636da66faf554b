package dev.genqueue.system.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.job.JobStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Counts the APIXO tasks each job caused, from the simulator's own records. A task whose id a job recorded
 * belongs to that job. A task no job recorded (an orphan: created, but its id never written) must fall inside
 * a documented window: a {@code SUBMITTING} attempt that ended with {@code UNKNOWN_SUBMIT_OUTCOME}. Each window
 * explains at most one orphan. A polling job sends the same body every time, so its orphan is matched by the
 * body's fingerprint; a callback job's body differs per attempt (a new token in the URL), so its orphan is
 * matched by model and time, each to the open window that closes first (optimal for points and intervals).
 */
final class SubmitLedger {

    // the intent's transaction time precedes the call and the unknown outcome is written after it; the margin
    // only absorbs the rounding of two readings of one machine's clock
    private static final long MARGIN_MILLIS = 500;

    /** The submit figures of one scenario. */
    record Result(long tasks, long jobsSubmittedOnce, long orphansInWindow, long orphansOutsideWindow,
            long resubmitsAfterFailedTask, long unexplainedRecordedTasks, long fingerprintMismatches,
            Map<String, Integer> tasksByRequest, Map<String, String> orphanByRequest, List<String> findings,
            long adoptedTasks) {

        /**
         * Duplicate paid submits: APIXO tasks the simulator created beyond one per job, except the new task after
         * a failed (refunded) one.
         */
        long duplicatePaidSubmits() {
            long beyondOne = tasksByRequest.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
            return beyondOne + orphansOutsideWindow - resubmitsAfterFailedTask;
        }
    }

    private record Window(String requestId, String model, boolean polling, Set<String> fingerprints, long start,
            long end) {

        boolean contains(long millis) {
            return start - MARGIN_MILLIS <= millis && millis <= end + MARGIN_MILLIS;
        }
    }

    private record Orphan(String taskId, String model, String fingerprint, long createTime) {
    }

    private SubmitLedger() {
    }

    /**
     * @param jobs        the scenario's jobs by request id
     * @param recordedAll every task id any job of the database recorded
     * @param stats       the simulator's {@code /_sim/stats} with tasks
     * @param fromMillis  tasks created before this belong to earlier scenarios
     */
    static Result of(Map<String, JobHistories.Job> jobs, Set<String> recordedAll, JsonNode stats, long fromMillis) {
        JsonNode tasks = stats.path("tasks");
        List<String> findings = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        Map<String, Integer> perRequest = new HashMap<>();
        Map<String, Set<String>> fingerprints = new HashMap<>();
        long resubmits = 0;
        long unexplained = 0;
        long adopted = 0;
        for (JobHistories.Job job : jobs.values()) {
            Set<String> recorded = new HashSet<>();
            List<JobHistories.Step> steps = job.steps();
            for (int i = 0; i < steps.size(); i++) {
                JobHistories.Step step = steps.get(i);
                if (step.from() == JobStatus.SUBMITTING && step.to() == JobStatus.SUBMITTED && step.reason() != null
                        && step.reason().startsWith("adopted task")) {
                    adopted++;
                }
                if (step.to() == JobStatus.SUBMITTED && step.taskId() != null && recorded.add(step.taskId())
                        && recorded.size() > 1) {
                    if (followsFailedTask(steps, i)) {
                        resubmits++;
                    } else {
                        unexplained++;
                        findings.add(job.requestId() + " recorded a further task " + step.taskId()
                                + " without a failed task before it");
                    }
                }
            }
            Set<String> own = new HashSet<>();
            recorded.forEach(taskId -> own.add(tasks.path(taskId).path("fingerprint").asText()));
            fingerprints.put(job.requestId(), own);
            perRequest.put(job.requestId(), recorded.size());
            for (int i = 0; i + 1 < steps.size(); i++) {
                if (steps.get(i).to() == JobStatus.SUBMITTING && steps.get(i + 1).unknownSubmitOutcome()) {
                    windows.add(new Window(job.requestId(), job.model(), "POLLING".equals(job.delivery()), own,
                            steps.get(i).atMillis(), steps.get(i + 1).atMillis()));
                }
            }
        }
        List<Orphan> orphans = orphans(tasks, recordedAll, fromMillis);
        Map<String, String> orphanByRequest = new HashMap<>();
        long inWindow = 0;
        long outside = 0;
        for (Orphan orphan : orphans) {
            Optional<Window> match = first(windows, w -> w.contains(orphan.createTime())
                    && w.fingerprints().contains(orphan.fingerprint()))
                    .or(() -> first(windows, w -> w.contains(orphan.createTime()) && !w.polling()
                            && w.model().equals(orphan.model())));
            if (match.isEmpty()) {
                outside++;
                findings.add("task " + orphan.taskId() + " (" + orphan.model() + ", created at " + orphan.createTime()
                        + ") was recorded by no job and falls in no UNKNOWN_SUBMIT_OUTCOME window");
                continue;
            }
            Window window = match.get();
            windows.remove(window);
            inWindow++;
            perRequest.merge(window.requestId(), 1, Integer::sum);
            fingerprints.get(window.requestId()).add(orphan.fingerprint());
            orphanByRequest.put(window.requestId(), "task " + orphan.taskId() + " created "
                    + (orphan.createTime() - window.start()) + " ms after the intent, never recorded");
        }
        long mismatches = 0;
        JsonNode byFingerprint = stats.path("submitsByFingerprint");
        for (JobHistories.Job job : jobs.values()) {
            if (!"POLLING".equals(job.delivery())) {
                continue;
            }
            long counted = fingerprints.get(job.requestId()).stream().mapToLong(fp -> byFingerprint.path(fp).asLong())
                    .sum();
            if (counted != perRequest.get(job.requestId())) {
                mismatches++;
                findings.add(job.requestId() + ": the simulator counts " + counted + " submits of its body, the ledger "
                        + perRequest.get(job.requestId()));
            }
        }
        long once = perRequest.values().stream().filter(n -> n == 1).count();
        long total = perRequest.values().stream().mapToLong(Integer::longValue).sum() + outside;
        return new Result(total, once, inWindow, outside, resubmits, unexplained, mismatches, perRequest,
                orphanByRequest, findings, adopted);
    }

    private static List<Orphan> orphans(JsonNode tasks, Set<String> recordedAll, long fromMillis) {
        List<Orphan> orphans = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> all = tasks.fields();
        while (all.hasNext()) {
            Map.Entry<String, JsonNode> task = all.next();
            long created = task.getValue().path("createTime").asLong();
            if (created >= fromMillis && !recordedAll.contains(task.getKey())) {
                orphans.add(new Orphan(task.getKey(), task.getValue().path("model").asText(),
                        task.getValue().path("fingerprint").asText(), created));
            }
        }
        orphans.sort(Comparator.comparingLong(Orphan::createTime));
        return orphans;
    }

    private static Optional<Window> first(List<Window> windows, Predicate<Window> fits) {
        return windows.stream().filter(fits).min(Comparator.comparingLong(Window::end));
    }

    private static boolean followsFailedTask(List<JobHistories.Step> steps, int index) {
        for (int i = index - 1; i > 0; i--) {
            JobHistories.Step step = steps.get(i);
            if (step.to() == JobStatus.QUEUED && step.from() != null && step.from().isAwaitingApixo()) {
                return true;
            }
            if (step.to() == JobStatus.SUBMITTED) {
                return false;
            }
        }
        return false;
    }
}
