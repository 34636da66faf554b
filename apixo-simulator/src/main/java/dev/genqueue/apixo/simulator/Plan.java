package dev.genqueue.apixo.simulator;

import java.util.Locale;

/**
 * An APIXO plan: requests a key may make in one rate window and tasks it may hold unfinished at once.
 *
 * @param name              label shown in stats, e.g. {@code pro} or {@code custom}
 * @param requestsPerMinute authenticated requests allowed per rate window; {@link #NO_LIMIT} for none
 * @param concurrentTasks   unfinished tasks allowed at once; {@link #NO_LIMIT} for none
 */
public record Plan(String name, int requestsPerMinute, int concurrentTasks) {

    /** Marks a limit that does not apply. */
    public static final int NO_LIMIT = Integer.MAX_VALUE;

    /** APIXO Free: 10 requests/min, 3 concurrent tasks. */
    public static final Plan FREE = new Plan("free", 10, 3);
    /** APIXO Pro: 60 requests/min, 10 concurrent tasks. */
    public static final Plan PRO = new Plan("pro", 60, 10);
    /** No limits at all: the usual choice for functional tests and benchmarks. */
    public static final Plan UNLIMITED = new Plan("unlimited", NO_LIMIT, NO_LIMIT);

    public Plan {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("plan name must not be blank");
        }
        if (requestsPerMinute < 1 || concurrentTasks < 1) {
            throw new IllegalArgumentException("plan limits must be at least 1");
        }
    }

    /** An enterprise-style plan with its own limits. */
    public static Plan custom(int requestsPerMinute, int concurrentTasks) {
        return new Plan("custom", requestsPerMinute, concurrentTasks);
    }

    /** Whether requests are counted against a window at all. */
    public boolean rateLimited() {
        return requestsPerMinute != NO_LIMIT;
    }

    /**
     * Reads {@code free}, {@code pro}, {@code unlimited} or {@code RPM/CONCURRENT} (e.g. {@code 60/10},
     * optionally prefixed {@code custom:}).
     */
    public static Plan parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "free":
                return FREE;
            case "pro":
                return PRO;
            case "unlimited":
                return UNLIMITED;
            default:
                String limits = value.startsWith("custom:") ? value.substring("custom:".length()) : value;
                String[] parts = limits.split("/");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("unknown plan '" + text + "' (free, pro, unlimited or RPM/CONCURRENT)");
                }
                return custom(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }
    }
}
