package dev.genqueue.apixo.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One API key the simulator accepts, with its plan and starting balance in USD.
 *
 * @param key     the bearer secret; never printed by {@link #toString()}
 * @param plan    its rate and concurrency limits
 * @param balance starting balance in USD (kept with 4 decimals)
 */
public record ApiKey(String key, Plan plan, BigDecimal balance) {

    public ApiKey {
        Objects.requireNonNull(plan, "plan");
        if (key == null || key.isBlank() || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("an API key must be non-blank and contain no whitespace");
        }
        if (balance == null || balance.signum() < 0) {
            throw new IllegalArgumentException("balance must be >= 0");
        }
        balance = balance.setScale(4, RoundingMode.HALF_UP);
    }

    /** A printable hint that identifies the key without revealing it. */
    public static String mask(String key) {
        return key.length() <= 4 ? "****" : key.substring(0, 2) + "…" + key.substring(key.length() - 2);
    }

    @Override
    public String toString() {
        return "ApiKey[" + mask(key) + ", plan=" + plan.name() + ", balance=" + balance + "]";
    }
}
