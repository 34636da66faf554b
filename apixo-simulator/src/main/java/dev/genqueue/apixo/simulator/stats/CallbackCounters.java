package dev.genqueue.apixo.simulator.stats;

import dev.genqueue.apixo.simulator.SimulatorStats;
import java.util.concurrent.atomic.LongAdder;

/** Webhook delivery counters. */
public final class CallbackCounters {

    private final LongAdder attempted = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failedAttempts = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder duplicatesSent = new LongAdder();
    private final LongAdder staleSent = new LongAdder();

    public void attempted() {
        attempted.increment();
    }

    public void acknowledged() {
        acknowledged.increment();
    }

    public void failedAttempt() {
        failedAttempts.increment();
    }

    public void abandoned() {
        abandoned.increment();
    }

    public void lost() {
        lost.increment();
    }

    public void duplicateSent() {
        duplicatesSent.increment();
    }

    public void staleSent() {
        staleSent.increment();
    }

    void reset() {
        for (LongAdder adder : new LongAdder[] {attempted, acknowledged, failedAttempts, abandoned, lost,
                duplicatesSent, staleSent}) {
            adder.reset();
        }
    }

    SimulatorStats.CallbackStats snapshot() {
        return new SimulatorStats.CallbackStats(attempted.sum(), acknowledged.sum(), failedAttempts.sum(),
                abandoned.sum(), lost.sum(), duplicatesSent.sum(), staleSent.sum());
    }
}
