package dev.genqueue.store.callback;

import java.util.Locale;

/** What became of one callback delivery; also the {@code outcome} tag of {@code genqueue_callbacks_total}. */
public enum CallbackOutcome {
    /** Token matched a live job: the hint was stored (and the job made due when it awaits APIXO). */
    ACCEPTED,
    /** Token matched, but the hint adds nothing: the same task and state were already stored, or the job is over. */
    DUPLICATE,
    /** Token matched, but the job's current attempt already stored the most callbacks allowed: nothing written. */
    CAPPED,
    /** Unknown job or wrong token: nothing changed. */
    REJECTED,
    /** Not a callback at all (malformed id or token, body too large or not an APIXO envelope): nothing changed. */
    INVALID,
    /** The database could not be reached: nothing changed, the sender is asked to retry. */
    UNAVAILABLE;

    /** The lower-case name used in metrics and logs. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
