package dev.genqueue.worker.apixo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a status query learned about a task, as a value. */
public sealed interface StatusOutcome {

    /** Short name for metrics and logs. */
    String label();

    /** Accepted by APIXO, not started. */
    record Pending() implements StatusOutcome {
        @Override
        public String label() {
            return "pending";
        }
    }

    /** The model is running. */
    record Processing() implements StatusOutcome {
        @Override
        public String label() {
            return "processing";
        }
    }

    /**
     * Finished; the result URLs expire after 24 hours.
     *
     * @param createTime   when APIXO created the task, or {@code null} if not reported
     * @param completeTime when it finished, or {@code null} if not reported
     * @param costTime     APIXO's processing time, or {@code null} if not reported
     */
    record Succeeded(List<String> resultUrls, Instant createTime, Instant completeTime, Duration costTime)
            implements StatusOutcome {
        public Succeeded {
            resultUrls = List.copyOf(resultUrls);
        }

        @Override
        public String label() {
            return "succeeded";
        }
    }

    /** The task failed; {@code failCode} may be any string. */
    record Failed(String failCode, String failMsg) implements StatusOutcome {
        @Override
        public String label() {
            return "failed";
        }
    }

    /** Nothing learned this time (429, 5xx, network); ask again later. {@code retryAfter} may be {@code null}. */
    record RetryLater(String reason, Duration retryAfter) implements StatusOutcome {
        @Override
        public String label() {
            return "retry_later";
        }
    }

    /** APIXO does not know the task (404: may be too new to be visible), or refused the query (another 4xx). */
    record NotFound(int httpStatus, String message) implements StatusOutcome {
        @Override
        public String label() {
            return "not_found";
        }
    }

    /** The key is invalid (401) or the account blocked (402). */
    record AccountProblem(int httpStatus, String message) implements StatusOutcome {
        @Override
        public String label() {
            return "account_problem";
        }
    }
}
