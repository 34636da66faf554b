package dev.genqueue.worker.apixo;

import java.time.Duration;

/** What APIXO did with a submit, as a value: the engine decides, the client never throws. */
public sealed interface SubmitOutcome {

    /** Short name for metrics and logs. */
    String label();

    /** A task exists; its id must be recorded at once. */
    record Accepted(String taskId) implements SubmitOutcome {
        @Override
        public String label() {
            return "accepted";
        }
    }

    /**
     * No task was created and trying again later may work (429, 5xx, connection refused).
     *
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     */
    record RetryLater(String reason, Duration retryAfter) implements SubmitOutcome {
        @Override
        public String label() {
            return "retry_later";
        }
    }

    /** APIXO refused this request for good (400, 403 content policy, 404 unknown model). */
    record Rejected(int httpStatus, String message) implements SubmitOutcome {
        @Override
        public String label() {
            return "rejected";
        }
    }

    /** The key is invalid (401) or the balance is too low (402): no job can be submitted until that changes. */
    record AccountProblem(int httpStatus, String message) implements SubmitOutcome {
        @Override
        public String label() {
            return "account_problem";
        }
    }

    /** The request was sent but no answer came (timeout, connection lost): a task may or may not exist. */
    record Unknown(String reason) implements SubmitOutcome {
        @Override
        public String label() {
            return "unknown";
        }
    }
}
