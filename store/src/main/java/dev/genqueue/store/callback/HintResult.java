package dev.genqueue.store.callback;

/**
 * What {@link CallbackHints#record} did.
 *
 * @param outcome accepted, duplicate or rejected
 * @param detail  why, for the log (never the token)
 * @param madeDue whether the job was made due now and workers were notified
 */
public record HintResult(CallbackOutcome outcome, String detail, boolean madeDue) {

    static HintResult rejected(String detail) {
        return new HintResult(CallbackOutcome.REJECTED, detail, false);
    }

    static HintResult duplicate(String detail) {
        return new HintResult(CallbackOutcome.DUPLICATE, detail, false);
    }
}
