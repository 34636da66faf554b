package dev.genqueue.worker.submit;

import dev.genqueue.worker.dispatch.ClaimedJob;
import java.util.Optional;

/** The webhook address APIXO should post a callback-mode job's result to, when callbacks are available. */
public interface CallbackUrls {

    /** Empty when this deployment cannot receive callbacks: the job is then submitted in polling mode. */
    Optional<String> urlFor(ClaimedJob job);
}
