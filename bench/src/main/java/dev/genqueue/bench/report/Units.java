package dev.genqueue.bench.report;

import java.util.Locale;

/** Number formatting for the report: one style everywhere. */
public final class Units {

    private Units() {
    }

    /** {@code 1,234 ms} below ten seconds, else {@code 12.3 s}. */
    public static String millis(long millis) {
        return millis < 10_000 ? String.format(Locale.ROOT, "%,d ms", millis)
                : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A rate or ratio with {@code decimals} decimals and thousands separators. */
    public static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    public static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / (1024.0 * 1024.0));
    }
}
