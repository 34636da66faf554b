package dev.genqueue.worker.dispatch;

/**
 * What the next claim may take besides jobs that need no APIXO call (downloads, orphaned submits, parked jobs).
 *
 * @param submits  whether queued jobs may be claimed for submission (false while the account is paused)
 * @param apiCalls how many jobs that need an APIXO call (submit or status query) may be claimed
 */
public record ClaimBudget(boolean submits, int apiCalls) {

    /** Anything goes. */
    public static final ClaimBudget UNLIMITED = new ClaimBudget(true, Integer.MAX_VALUE);

    public boolean unlimited() {
        return submits && apiCalls == Integer.MAX_VALUE;
    }
}
