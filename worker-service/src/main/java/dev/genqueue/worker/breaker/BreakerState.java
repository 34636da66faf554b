package dev.genqueue.worker.breaker;

import java.util.Locale;

/** The states of a circuit breaker; {@link #gaugeValue()} is what the state metric shows. */
public enum BreakerState {
    /** Calls flow; outcomes are counted. */
    CLOSED(0),
    /** One probe call is allowed; its outcome closes or reopens the breaker. */
    HALF_OPEN(1),
    /** No calls until the open delay has passed. */
    OPEN(2);

    private final int gaugeValue;

    BreakerState(int gaugeValue) {
        this.gaugeValue = gaugeValue;
    }

    public int gaugeValue() {
        return gaugeValue;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
