package dev.genqueue.worker.config;

/**
 * What the worker does with a submit whose outcome it cannot know (timeout after sending, or a job found in
 * {@code SUBMITTING} after its owner died): APIXO has no idempotency key, so either choice has a cost.
 */
public enum UnknownSubmitPolicy {
    /** Queue the job again; a task may be created (and paid) twice. */
    RESUBMIT,
    /** Park the job in {@code HELD} for an operator; nothing is paid twice, the job waits. */
    HOLD
}
