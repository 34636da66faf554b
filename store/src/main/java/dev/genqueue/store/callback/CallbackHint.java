package dev.genqueue.store.callback;

import java.util.UUID;

/**
 * A callback delivery as the webhook read it, not yet trusted.
 *
 * @param jobId   the job named in the URL
 * @param token   the token presented in the URL (never logged)
 * @param payload the body, a JSON object within the size limit, stored as {@code job.callback_payload}
 * @param taskId  {@code data.taskId} of the body, or {@code null}
 * @param state   {@code data.state} of the body, or {@code null}
 * @param attempt the submit attempt named in the URL, or {@code null} for the older URL without one
 */
public record CallbackHint(UUID jobId, String token, String payload, String taskId, String state, Integer attempt) {

    /** A delivery to the older URL, which names no attempt. */
    public CallbackHint(UUID jobId, String token, String payload, String taskId, String state) {
        this(jobId, token, payload, taskId, state, null);
    }

    @Override
    public String toString() {
        return "CallbackHint[jobId=" + jobId + ", taskId=" + taskId + ", state=" + state + ", attempt=" + attempt + "]";
    }
}
