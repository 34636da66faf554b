package dev.genqueue.apixo.simulator.config;

import java.time.Duration;
import java.util.Locale;

/** Parses short duration texts: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, ISO-8601, or bare milliseconds. */
public final class Durations {

    private Durations() {
    }

    public static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            }
            if (value.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 60_000));
            }
            if (value.endsWith("h")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 3_600_000));
            }
            return Duration.ofMillis(Long.parseLong(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid duration '" + text + "' (e.g. 250ms, 5s, 2m, 1h)");
        }
    }
}
