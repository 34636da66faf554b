package dev.genqueue.bench.report;

/** How a measured value compares with its goal. */
public enum Verdict {
    PASS, MISS,
    /** Measured, with no goal set for it. */
    INFO,
    /** Not measured: the feature it needs does not exist yet. */
    PENDING,
    /** Not measured in this run (e.g. needs a managed stack, or a stage failed). */
    SKIPPED;

    public static Verdict of(boolean met) {
        return met ? PASS : MISS;
    }
}
