package dev.genqueue.worker.submit;

/**
 * The webhook of one submission, or why there is none.
 *
 * @param url       the callback URL given to APIXO (it holds the token: never logged), or {@code null} for none
 * @param tokenHash what {@code job.callback_token_hash} must hold, written before the submit
 * @param fallback  why a callback job is followed by polling instead, or {@code null}
 * @param followed  whether the job is followed by callbacks; {@code false}: by polling, even with a URL, which
 *                  then only lets an orphaned task announce its id
 */
public record CallbackPlan(String url, String tokenHash, String fallback, boolean followed) {

    /** Polling, as asked, without a URL. */
    public static final CallbackPlan POLLING = new CallbackPlan(null, null, null, false);

    /** Polling although callbacks were asked for, and why. */
    public static CallbackPlan pollingInstead(String why) {
        return new CallbackPlan(null, null, why, false);
    }

    /** Whether the job is followed by callbacks. */
    public boolean callback() {
        return followed && url != null;
    }

    /** Whether the submit carries a callback URL (whatever follows the job). */
    public boolean hasUrl() {
        return url != null;
    }

    @Override
    public String toString() {
        return "CallbackPlan[callback=" + callback() + ", url=" + hasUrl() + ", fallback=" + fallback + "]";
    }
}
