package dev.genqueue.worker.dispatch;

import dev.genqueue.worker.job.Lease;
import java.util.concurrent.CompletionStage;

/** Works on one claimed job; the stage completes when this worker is done with it under this lease. */
public interface LeaseHandler {

    /** Must not block: anything slow happens in the returned stage. */
    CompletionStage<Void> handle(Lease lease);
}
