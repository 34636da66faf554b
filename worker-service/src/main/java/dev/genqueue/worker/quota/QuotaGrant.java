package dev.genqueue.worker.quota;

/**
 * What the fleet quota allows one claim, decided under the ledger's lock; handed back to
 * {@link ApixoQuota#take} with the number of slots the claim used.
 */
public final class QuotaGrant {

    private final int calls;
    private final int taskSlots;
    private final QuotaLedger.Row row;
    private final Gcra.Slots slots;
    private final Double rate;

    QuotaGrant(int calls, int taskSlots, QuotaLedger.Row row, Gcra.Slots slots, Double rate) {
        this.calls = calls;
        this.taskSlots = taskSlots;
        this.row = row;
        this.slots = slots;
        this.rate = rate;
    }

    /** APIXO calls the claim may start ({@link Integer#MAX_VALUE} without a rate limit). */
    public int calls() {
        return calls;
    }

    /** New tasks the claim may submit ({@link Integer#MAX_VALUE} without a concurrency limit). */
    public int taskSlots() {
        return taskSlots;
    }

    QuotaLedger.Row row() {
        return row;
    }

    Gcra.Slots slots() {
        return slots;
    }

    Double rate() {
        return rate;
    }
}
