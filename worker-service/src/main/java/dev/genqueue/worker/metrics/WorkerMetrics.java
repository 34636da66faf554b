package dev.genqueue.worker.metrics;

import dev.genqueue.common.job.JobStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The worker's meters in one place, so names and tags stay consistent. */
@ApplicationScoped
public class WorkerMetrics {

    private final MeterRegistry registry;
    private final Counter claimed;
    private final Counter fencingLost;
    private final Counter jobErrors;
    private final Counter downloadBytes;
    private final Counter writeRetries;
    private final DistributionSummary writeBatchSize;
    private final Timer writeCommit;
    // meters recorded on every job step, keyed by their tags: registered once, not looked up through a new
    // meter id on each call
    private final Map<String, Meter> perStep = new ConcurrentHashMap<>();
    // fail codes are APIXO's words, not a closed list
    private final BoundedTagValues failCodes = new BoundedTagValues(50);

    WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.claimed = Counter.builder("genqueue.worker.jobs.claimed").description("Jobs claimed").register(registry);
        this.fencingLost = Counter.builder("genqueue.worker.fencing.lost")
                .description("Writes refused because another owner holds the job").register(registry);
        this.jobErrors = Counter.builder("genqueue.worker.jobs.errors")
                .description("Job runs that ended in an error and were left to lease expiry").register(registry);
        this.downloadBytes = Counter.builder("genqueue.worker.download.bytes").baseUnit("bytes")
                .description("Output bytes stored").register(registry);
        this.writeRetries = Counter.builder("genqueue.worker.writer.outage.retries")
                .description("State write batches retried because the database was unreachable").register(registry);
        this.writeBatchSize = DistributionSummary.builder("genqueue.worker.writer.batch.size")
                .description("Job writes per transaction").register(registry);
        this.writeCommit = Timer.builder("genqueue.worker.writer.commit").description("State writer transaction time")
                .register(registry);
    }

    /** One group commit of the state writer: how many job writes it carried and how long it took. */
    public void writeBatch(int writes, long nanos) {
        writeBatchSize.record(writes);
        writeCommit.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A batch of state writes waits for an unreachable database and is tried again. */
    public void writeRetried() {
        writeRetries.increment();
    }

    public void claimed(int jobs) {
        claimed.increment(jobs);
    }

    /** How late a job was acted on: claim time minus the time it was due. */
    public void lateness(JobStatus status, Duration late) {
        perStep("lateness|" + status, () -> Timer.builder("genqueue.worker.poll.lateness")
                .description("Claim time minus due time").tag("status", status.wireName())
                .publishPercentileHistogram(false).register(registry))
                .record(late.isNegative() ? Duration.ZERO : late);
    }

    public void transition(JobStatus from, JobStatus to) {
        perStep("transition|" + from + '|' + to, () -> Counter.builder("genqueue.worker.transitions")
                .description("Job state changes written").tag("from", from.wireName()).tag("to", to.wireName())
                .register(registry)).increment();
    }

    /** One APIXO call: its endpoint, outcome and duration. */
    public void apixoCall(String endpoint, String outcome, long nanos) {
        perStep("apixo|" + endpoint + '|' + outcome, () -> Timer.builder("genqueue.apixo.calls")
                .description("APIXO API calls by endpoint and outcome").tag("endpoint", endpoint)
                .tag("outcome", outcome).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void fencingLost() {
        fencingLost.increment();
    }

    public void jobError() {
        jobErrors.increment();
    }

    /** A submit whose outcome is unknown; {@code cause} is {@code timeout} or {@code orphaned}. */
    public void unknownSubmit(String cause, String policy) {
        Counter.builder("genqueue.worker.submit.unknown")
                .description("Submits that may have created a task whose id was not recorded")
                .tag("cause", cause).tag("policy", policy).register(registry).increment();
    }

    /** A step of the adoption of an orphaned submit: {@code waiting}, {@code adopted} or {@code not-announced}. */
    public void adoption(String step) {
        Counter.builder("genqueue.worker.submit.adoptions")
                .description("Jobs found in SUBMITTING that waited for, or adopted, their orphaned task")
                .tag("step", step).register(registry).increment();
    }

    public void accountProblem(int httpStatus) {
        Counter.builder("genqueue.worker.apixo.account.problems").description("401/402 answers from APIXO")
                .tag("status", String.valueOf(httpStatus)).register(registry).increment();
    }

    /** A failed task was followed by a new one; {@code failCode} is the failed task's code. */
    public void resubmitted(String failCode) {
        Counter.builder("genqueue.worker.tasks.resubmitted").description("New APIXO tasks after a transient failure")
                .tag("fail_code", failCode == null ? "UNKNOWN" : failCodes.of(failCode)).register(registry).increment();
    }

    /** A callback-mode job was polled after its callback arrived: the status query confirms the callback. */
    public void callbackConfirmation() {
        Counter.builder("genqueue.worker.callbacks.confirmed").description("Status queries confirming a callback")
                .register(registry).increment();
    }

    /** A callback was used as it is (confirmation off). */
    public void callbackTrusted() {
        Counter.builder("genqueue.worker.callbacks.trusted").description("Callbacks used without a status query")
                .register(registry).increment();
    }

    public void downloaded(long bytes) {
        downloadBytes.increment(bytes);
    }

    public Timer download(String outcome) {
        return perStep("download|" + outcome, () -> Timer.builder("genqueue.worker.downloads")
                .description("Output downloads by outcome").tag("outcome", outcome).register(registry));
    }

    public void intake(String result, int records) {
        if (records > 0) {
            Counter.builder("genqueue.worker.intake.records").description("Request records by intake result")
                    .tag("result", result).register(registry).increment(records);
        }
    }

    @SuppressWarnings("unchecked")
    private <M extends Meter> M perStep(String key, Supplier<M> register) {
        return (M) perStep.computeIfAbsent(key, k -> register.get());
    }

    /** Registers a gauge read from {@code value}. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }
}
