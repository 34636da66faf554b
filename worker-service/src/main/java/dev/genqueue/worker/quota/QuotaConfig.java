package dev.genqueue.worker.quota;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The APIXO plan all worker instances share ({@code genqueue.worker.quota.*}). Nothing set means no quota and
 * no overhead: jobs are claimed exactly as without this feature.
 */
@ConfigMapping(prefix = "genqueue.worker.quota")
public interface QuotaConfig {

    /** API requests (submits, status queries, balance checks) the plan allows per window; unset = no limit. */
    OptionalInt requestsPerWindow();

    /** The plan's rate window (APIXO: one minute). */
    @WithDefault("60s")
    Duration window();

    /** Unfinished APIXO tasks the plan allows at once, across all workers; unset = no limit. */
    OptionalInt maxConcurrentTasks();

    /** Share of the plan's rate actually used, below 1 so that request timing jitter never exceeds the plan. */
    @WithDefault("0.95")
    double headroom();

    /** How far ahead a claim may reserve request slots; claimed jobs wait in memory at most this long. */
    @WithDefault("1s")
    Duration lookahead();

    /**
     * Latest a request may leave after its slot; a later one takes a new slot instead. Unset: half of
     * {@code window × (1/headroom − 1)}, the delay the headroom absorbs (1.6 s for a minute at 0.95).
     */
    Optional<Duration> maxLateness();

    /**
     * The plan is unknown: start at {@code requests-per-window} (60 when unset), halve the rate on every 429
     * (honouring {@code Retry-After}) and add {@code adaptive-step} per window that passed without one.
     */
    @WithDefault("false")
    boolean adaptive();

    /** Requests per window added after each window without a 429 (adaptive mode). */
    @WithDefault("1")
    double adaptiveStep();

    /** The adaptive rate never drops below this many requests per window. */
    @WithDefault("1")
    double adaptiveMinimum();

    /** The adaptive rate never rises above this many requests per window; unset = no ceiling. */
    OptionalDouble adaptiveMaximum();
}
