package dev.genqueue.api.job.intake;

import dev.genqueue.api.problem.ProblemException;
import dev.genqueue.common.contract.GenerationRequest;
import dev.genqueue.store.batch.GroupCommitter;
import dev.genqueue.store.batch.QueueFullException;
import dev.genqueue.store.intake.IntakeOutcome;
import dev.genqueue.store.intake.IntakeSource;
import dev.genqueue.store.intake.JobIntake;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit of the REST door: requests accepted at the same moment by different HTTP threads are inserted
 * together, one {@link JobIntake#acceptAll} transaction (jobs, first transitions, outbox rows) per batch, instead
 * of one transaction each. Every caller still answers only after its job row is committed.
 *
 * <p>Both waits are bounded: at most {@code queue-capacity} requests wait for a committer (one more is refused
 * at once) and each waits at most {@code commit-timeout} for its commit. Either refusal is a 503 problem with
 * {@code Retry-After}, never a hang.
 */
@ApplicationScoped
public class IntakeCommitter {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final GroupCommitter<GenerationRequest, IntakeOutcome> committer;
    private final Duration commitTimeout;
    private final long retryAfterSeconds;
    private final Counter queueFull;
    private final Counter timedOut;

    IntakeCommitter(JobIntake intake, IntakeConfig config, MeterRegistry registry) {
        this.committer = new GroupCommitter<>("genqueue-intake", config.batchSize(), config.committers(),
                config.queueCapacity(), requests -> intake.acceptAll(requests, IntakeSource.REST));
        this.commitTimeout = config.commitTimeout();
        this.retryAfterSeconds = Math.max(1, (config.retryAfter().toMillis() + 999) / 1000);
        Gauge.builder("genqueue.intake.queued", committer, GroupCommitter::queued)
                .description("REST requests waiting for a commit").tag("door", "rest").register(registry);
        this.queueFull = refusals(registry, "queue_full");
        this.timedOut = refusals(registry, "commit_timeout");
    }

    void onStart(@Observes StartupEvent event) {
        committer.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        committer.stop(STOP_GRACE);
    }

    /** Requests waiting for a committer now. */
    public int queued() {
        return committer.queued();
    }

    /**
     * Accepts one request; blocks the calling (worker) thread until its batch committed, for at most
     * {@code commit-timeout}.
     *
     * @throws ProblemException a 503 with {@code Retry-After} when the queue is full or the commit took too long
     */
    public IntakeOutcome accept(GenerationRequest request) {
        CompletableFuture<IntakeOutcome> result = committer.submit(request);
        try {
            return result.get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(false);
            timedOut.increment();
            throw ProblemException.unavailable("The job store did not confirm the request within "
                    + commitTimeout.toMillis() + " ms; retry the same request (it is idempotent)", retryAfterSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(false);
            throw new IllegalStateException("interrupted while the request was committed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QueueFullException) {
                queueFull.increment();
                throw ProblemException.unavailable("Too many requests are waiting to be stored; retry the same "
                        + "request shortly (it is idempotent)", retryAfterSeconds);
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new CompletionException(e.getCause());
        }
    }

    private static Counter refusals(MeterRegistry registry, String reason) {
        return Counter.builder("genqueue.intake.refused")
                .description("REST requests answered 503 because intake was saturated")
                .tag("door", "rest").tag("reason", reason).register(registry);
    }
}
