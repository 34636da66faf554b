package dev.genqueue.worker.breaker;

import dev.genqueue.common.failure.ApixoCall;
import dev.genqueue.worker.apixo.ApixoCallObserver;
import dev.genqueue.worker.apixo.CallSignal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * This worker's circuit breaker in front of APIXO. While it is open the dispatcher claims no job that needs an
 * APIXO call, so those jobs simply stay due in the database (they do not fail); a probe after the open delay
 * closes it again once APIXO answers. Per instance: each worker learns of an outage from its own calls.
 */
@ApplicationScoped
public class ApixoBreaker implements ApixoCallObserver {

    private static final Logger LOG = Logger.getLogger(ApixoBreaker.class);

    private final boolean enabled;
    private final CircuitBreaker breaker;
    private final MeterRegistry registry;

    ApixoBreaker(BreakerConfig config, MeterRegistry registry) {
        this.enabled = config.enabled();
        this.registry = registry;
        this.breaker = new CircuitBreaker(config.windowSize(), config.minimumCalls(), config.failureRatio(),
                config.openDelay(), config.maxOpenDelay(), System::nanoTime, this::onTransition);
        Gauge.builder("genqueue.apixo.circuit.state", this, b -> b.state().gaugeValue())
                .description("APIXO circuit breaker: 0 closed, 1 half-open, 2 open").register(registry);
    }

    /** How many of {@code wanted} APIXO calls this worker may start now. */
    public int permits(int wanted) {
        return enabled ? breaker.permits(wanted) : wanted;
    }

    /** Returns permits no call used. */
    public void unused(int permits) {
        if (enabled) {
            breaker.unused(permits);
        }
    }

    public BreakerState state() {
        return breaker.state();
    }

    @Override
    public void observe(ApixoCall call, CallSignal signal, Duration retryAfter) {
        if (enabled) {
            breaker.record(signal == CallSignal.UNAVAILABLE);
        }
    }

    private void onTransition(BreakerState to) {
        Counter.builder("genqueue.apixo.circuit.transitions").description("APIXO circuit breaker state changes")
                .tag("to", to.wireName()).register(registry).increment();
        if (to == BreakerState.OPEN) {
            LOG.warn("APIXO circuit breaker open: APIXO keeps failing; jobs that need it wait until a probe succeeds");
        } else {
            LOG.infof("APIXO circuit breaker %s", to.wireName());
        }
    }
}
