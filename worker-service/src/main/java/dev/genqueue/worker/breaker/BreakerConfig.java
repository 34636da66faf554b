package dev.genqueue.worker.breaker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The circuit breaker in front of APIXO ({@code genqueue.worker.breaker.*}). */
@ConfigMapping(prefix = "genqueue.worker.breaker")
public interface BreakerConfig {

    /** Whether sustained APIXO failures stop this worker from claiming jobs that need an APIXO call. */
    @WithDefault("true")
    boolean enabled();

    /** How many of the latest calls the failure ratio is computed over. */
    @WithDefault("20")
    int windowSize();

    /** Fewest calls in the window before the breaker may open. */
    @WithDefault("10")
    int minimumCalls();

    /** Share of failed calls (5xx, 408/425, timeouts, connection failures) in the window that opens the breaker. */
    @WithDefault("0.5")
    double failureRatio();

    /** How long the breaker stays open before one probe call is let through. */
    @WithDefault("10s")
    Duration openDelay();

    /** Longest open period: each failed probe doubles the delay up to this. */
    @WithDefault("2m")
    Duration maxOpenDelay();
}
