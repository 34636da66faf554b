package dev.genqueue.worker.engine;

import dev.genqueue.worker.dispatch.LeaseHandler;
import dev.genqueue.worker.download.Downloader;
import dev.genqueue.worker.job.Lease;
import dev.genqueue.worker.job.LeasedWrites;
import dev.genqueue.worker.poll.Poller;
import dev.genqueue.worker.submit.Submitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/** Routes a claimed job to the step its status calls for. */
@ApplicationScoped
public class JobRunner implements LeaseHandler {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final Submitter submitter;
    private final Poller poller;
    private final Downloader downloader;
    private final LeasedWrites writes;

    JobRunner(Submitter submitter, Poller poller, Downloader downloader, LeasedWrites writes) {
        this.submitter = submitter;
        this.poller = poller;
        this.downloader = downloader;
        this.writes = writes;
    }

    @Override
    public CompletionStage<Void> handle(Lease lease) {
        switch (lease.status()) {
            case QUEUED:
                return submitter.submit(lease);
            case SUBMITTING:
                return submitter.resolveOrphan(lease);
            case SUBMITTED:
            case PROCESSING:
                return poller.poll(lease);
            case DOWNLOADING:
                return downloader.download(lease, lease.job().resultUrls());
            default:
                // held and terminal jobs wait for nobody; a due time on them is stale, so clear it
                LOG.infof("job %s: nothing to do in state %s; unscheduling it", lease.jobId(), lease.status());
                return writes.apply(lease, lease.update().park()).thenApply(owned -> null);
        }
    }
}
