package dev.genqueue.api.job.intake;

import dev.genqueue.common.contract.GenerationRequest;
import dev.genqueue.store.batch.GroupCommitter;
import dev.genqueue.store.intake.IntakeOutcome;
import dev.genqueue.store.intake.IntakeSource;
import dev.genqueue.store.intake.JobIntake;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Group commit of the REST door: requests accepted at the same moment by different HTTP threads are inserted
 * together, one {@link JobIntake#acceptAll} transaction (jobs, first transitions, outbox rows) per batch, instead
 * of one transaction each. Every caller still answers only after its job row is committed.
 */
@ApplicationScoped
public class IntakeCommitter {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final GroupCommitter<GenerationRequest, IntakeOutcome> committer;

    IntakeCommitter(JobIntake intake, IntakeConfig config) {
        this.committer = new GroupCommitter<>("genqueue-intake", config.batchSize(), config.committers(),
                requests -> intake.acceptAll(requests, IntakeSource.REST));
    }

    void onStart(@Observes StartupEvent event) {
        committer.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        committer.stop(STOP_GRACE);
    }

    /** Accepts one request; blocks the calling (worker) thread until its batch committed. */
    public IntakeOutcome accept(GenerationRequest request) {
        try {
            return committer.submit(request).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the request was committed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new CompletionException(e.getCause());
        }
    }
}
