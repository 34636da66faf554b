package dev.genqueue.worker.download;

import dev.genqueue.worker.complete.Completion;
import dev.genqueue.worker.job.Lease;
import dev.genqueue.worker.job.LeasedWrites;
import dev.genqueue.worker.pause.AccountPause;
import dev.genqueue.worker.pause.PauseConfig;
import dev.genqueue.worker.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * DOWNLOADING → SUCCEEDED: copies every result file, then commits the outputs, the terminal state and the
 * result event together. Expired URLs fail the job (OUTPUT_EXPIRED); transient errors keep it DOWNLOADING
 * and schedule another try; a file host refusing the account (401/402) pauses submissions like APIXO's API
 * does. A job found DOWNLOADING after a crash simply downloads again (same file names).
 */
@ApplicationScoped
public class Downloader {

    private static final Logger LOG = Logger.getLogger(Downloader.class);

    private final ResultFetcher fetcher;
    private final Completion completion;
    private final LeasedWrites writes;
    private final Backoff backoff;
    private final AccountPause pause;
    private final PauseConfig pauseConfig;

    Downloader(ResultFetcher fetcher, Completion completion, LeasedWrites writes, Backoff backoff, AccountPause pause,
            PauseConfig pauseConfig) {
        this.fetcher = fetcher;
        this.completion = completion;
        this.writes = writes;
        this.backoff = backoff;
        this.pause = pause;
        this.pauseConfig = pauseConfig;
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
            if (result instanceof FetchResult.AccountRefused refused) {
                return pause.pause(refused.httpStatus(), refused.message()).thenCompose(ignored -> writes.apply(lease,
                        lease.update().transientFailures(failed).release(pauseConfig.checkInterval())))
                        .thenApply(owned -> null);
            }
            Duration wait = backoff.after(failed);
            LOG.infof("job %s: download failed (%s); retrying in %s", lease.jobId(),
                    ((FetchResult.Transient) result).reason(), wait);
            return writes.apply(lease, lease.update().transientFailures(failed).release(wait)).thenApply(owned -> null);
        });
    }
}
