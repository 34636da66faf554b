package dev.genqueue.worker.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one meter tag may take when they come from outside (tenant ids, APIXO fail codes): the first
 * {@code limit} distinct values are kept as they are, every later one (and any longer than
 * {@link #MAX_LENGTH} characters) is folded into {@value #OTHER}. Every value names a meter for the life of
 * the process, so a tag a client chooses freely would otherwise grow the registry, and the scrape, without
 * bound.
 */
public final class BoundedTagValues {

    /** The value that stands for every value past the limit. */
    public static final String OTHER = "other";
    /** The value of an absent (null or empty) input. */
    public static final String NONE = "none";
    /** Longest value kept as it is. */
    public static final int MAX_LENGTH = 64;

    private final int limit;
    private final Set<String> kept = ConcurrentHashMap.newKeySet();

    public BoundedTagValues(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        this.limit = limit;
    }

    /** The tag value to record {@code value} under. */
    public String of(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        if (kept.contains(value)) {
            return value;
        }
        if (value.length() > MAX_LENGTH || value.equals(OTHER) || value.equals(NONE)) {
            return OTHER;
        }
        synchronized (kept) {
            if (kept.size() < limit) {
                kept.add(value);
                return value;
            }
        }
        return kept.contains(value) ? value : OTHER;
    }

    /** Distinct values kept so far (at most the limit). */
    public int size() {
        return kept.size();
    }
}
