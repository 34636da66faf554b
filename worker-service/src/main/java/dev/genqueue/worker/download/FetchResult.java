package dev.genqueue.worker.download;

import dev.genqueue.common.contract.StoredOutput;
import java.util.List;

/** What copying a job's result files came to. */
public sealed interface FetchResult {

    /** Every file is stored, in result order. */
    record Stored(List<StoredOutput> outputs) implements FetchResult {
        public Stored {
            outputs = List.copyOf(outputs);
        }
    }

    /** A file can never be fetched (expired or gone): the job fails with {@code code}. */
    record Permanent(String code, String message) implements FetchResult {
    }

    /** The file host refused the account (401/402): the fleet pauses, the download is tried again later. */
    record AccountRefused(int httpStatus, String message) implements FetchResult {
    }

    /** A file could not be fetched this time (5xx, network, timeout): try again later. */
    record Transient(String reason) implements FetchResult {
    }
}
