package dev.genqueue.worker.breaker;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A count-based circuit breaker: opens when at least {@code minimumCalls} of the last {@code windowSize} calls
 * were recorded and the failed share reaches {@code failureRatio}; after the open delay it lets one probe
 * through (half-open); a good probe closes it, a failed one reopens it with twice the delay (capped).
 * Callers ask {@link #permits(int)} before starting calls and {@link #record} each outcome. Thread-safe.
 */
public final class CircuitBreaker {

    private final int windowSize;
    private final int minimumCalls;
    private final double failureRatio;
    private final long openDelayNanos;
    private final long maxOpenDelayNanos;
    private final LongSupplier nanoClock;
    private final Consumer<BreakerState> onTransition;
    private final boolean[] window;
    private int recorded;
    private int next;
    private int failures;
    private BreakerState state = BreakerState.CLOSED;
    private long currentDelayNanos;
    private long openUntilNanos;
    private boolean probeOut;

    public CircuitBreaker(int windowSize, int minimumCalls, double failureRatio, Duration openDelay,
            Duration maxOpenDelay, LongSupplier nanoClock, Consumer<BreakerState> onTransition) {
        if (windowSize < 1 || minimumCalls < 1 || minimumCalls > windowSize || !(failureRatio > 0)
                || failureRatio > 1) {
            throw new IllegalArgumentException("breaker needs 1 <= minimumCalls <= windowSize and 0 < ratio <= 1");
        }
        this.windowSize = windowSize;
        this.minimumCalls = minimumCalls;
        this.failureRatio = failureRatio;
        this.openDelayNanos = openDelay.toNanos();
        this.maxOpenDelayNanos = Math.max(openDelay.toNanos(), maxOpenDelay.toNanos());
        this.nanoClock = nanoClock;
        this.onTransition = onTransition;
        this.window = new boolean[windowSize];
        this.currentDelayNanos = openDelayNanos;
    }

    /**
     * How many of {@code wanted} calls may start now: all while closed, none while open, one probe once the
     * open delay has passed (the breaker is then half-open until that probe is recorded or returned).
     */
    public synchronized int permits(int wanted) {
        if (wanted <= 0) {
            return 0;
        }
        if (state == BreakerState.OPEN && nanoClock.getAsLong() - openUntilNanos >= 0) {
            transition(BreakerState.HALF_OPEN);
        }
        return switch (state) {
            case CLOSED -> wanted;
            case OPEN -> 0;
            case HALF_OPEN -> {
                if (probeOut) {
                    yield 0;
                }
                probeOut = true;
                yield 1;
            }
        };
    }

    /** Gives back permits that {@link #permits} granted but no call used (only the probe matters). */
    public synchronized void unused(int permits) {
        if (permits > 0 && state == BreakerState.HALF_OPEN) {
            probeOut = false;
        }
    }

    /** Records one call's outcome: {@code failed} for 5xx, timeouts and connection failures. */
    public synchronized void record(boolean failed) {
        switch (state) {
            case HALF_OPEN -> {
                probeOut = false;
                if (failed) {
                    currentDelayNanos = Math.min(maxOpenDelayNanos, currentDelayNanos * 2);
                    open();
                } else {
                    currentDelayNanos = openDelayNanos;
                    reset();
                    transition(BreakerState.CLOSED);
                }
            }
            case OPEN -> {
                // calls started before the breaker opened: they change nothing now
            }
            case CLOSED -> {
                if (recorded == windowSize && window[next]) {
                    failures--;
                }
                window[next] = failed;
                if (failed) {
                    failures++;
                }
                next = (next + 1) % windowSize;
                recorded = Math.min(windowSize, recorded + 1);
                if (recorded >= minimumCalls && failures >= failureRatio * recorded) {
                    open();
                }
            }
        }
    }

    public synchronized BreakerState state() {
        return state;
    }

    private void open() {
        openUntilNanos = nanoClock.getAsLong() + currentDelayNanos;
        reset();
        transition(BreakerState.OPEN);
    }

    private void reset() {
        recorded = 0;
        next = 0;
        failures = 0;
        Arrays.fill(window, false);
    }

    private void transition(BreakerState to) {
        if (state != to) {
            state = to;
            onTransition.accept(to);
        }
    }
}
