package dev.genqueue.bench.report;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample of millisecond values. */
public final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    public static Percentiles of(Collection<Long> values) {
        long[] copy = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    public int count() {
        return sorted.length;
    }

    public boolean isEmpty() {
        return sorted.length == 0;
    }

    /** The value below which {@code p} percent of the sample lies (nearest rank); 0 for an empty sample. */
    public long at(double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    /** {@code p50 X ms / p99 Y ms (n=N)}. */
    public String summary() {
        return "p50 " + Units.millis(at(50)) + " / p99 " + Units.millis(at(99)) + " (n=" + count() + ")";
    }
}
