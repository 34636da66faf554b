package dev.genqueue.worker.submit;

/**
 * The webhook of one submission, or why there is none.
 *
 * @param url       the callback URL given to APIXO (it holds the token: never logged), or {@code null} to poll
 * @param tokenHash what {@code job.callback_token_hash} must hold, written before the submit
 * @param fallback  why a callback job is followed by polling instead, or {@code null}
 */
public record CallbackPlan(String url, String tokenHash, String fallback) {

    /** Polling, as asked. */
    public static final CallbackPlan POLLING = new CallbackPlan(null, null, null);

    /** Polling although callbacks were asked for, and why. */
    public static CallbackPlan pollingInstead(String why) {
        return new CallbackPlan(null, null, why);
    }

    public boolean callback() {
        return url != null;
    }

    @Override
    public String toString() {
        return "CallbackPlan[callback=" + callback() + ", fallback=" + fallback + "]";
    }
}
