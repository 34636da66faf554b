package dev.genqueue.worker.download;

import dev.genqueue.worker.complete.Completion;
import dev.genqueue.worker.dispatch.Lease;
import dev.genqueue.worker.engine.Backoff;
import dev.genqueue.worker.engine.LeasedWrites;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * DOWNLOADING → SUCCEEDED: copies every result file, then commits the outputs, the terminal state and the
 * result event together. Expired URLs fail the job (OUTPUT_EXPIRED); transient errors keep it DOWNLOADING
 * and schedule another try. A job found DOWNLOADING after a crash simply downloads again (same file names).
 */
@ApplicationScoped
public class Downloader {

    private static final Logger LOG = Logger.getLogger(Downloader.class);

    private final ResultFetcher fetcher;
    private final Completion completion;
    private final LeasedWrites writes;
    private final Backoff backoff;

    Downloader(ResultFetcher fetcher, Completion completion, LeasedWrites writes, Backoff backoff) {
        this.fetcher = fetcher;
        this.completion = completion;
        this.writes = writes;
        this.backoff = backoff;
    }

    /** Downloads {@code urls} for the leased job and completes it. */
    public CompletionStage<Void> download(Lease lease, List<String> urls) {
        if (urls.isEmpty()) {
            return completion.fail(lease, "NO_OUTPUT", "no result URLs recorded for the download");
        }
        return fetcher.fetch(lease.job(), urls).thenCompose(result -> {
            if (result instanceof FetchResult.Stored stored) {
                return completion.succeed(lease, stored.outputs());
            }
            if (result instanceof FetchResult.Permanent permanent) {
                return completion.fail(lease, permanent.code(), permanent.message());
            }
            int failed = lease.transientFailures() + 1;
            Duration wait = backoff.after(failed);
            LOG.infof("job %s: download failed (%s); retrying in %s", lease.jobId(),
                    ((FetchResult.Transient) result).reason(), wait);
            return writes.apply(lease, lease.update().transientFailures(failed).release(wait)).thenApply(owned -> null);
        });
    }
}
