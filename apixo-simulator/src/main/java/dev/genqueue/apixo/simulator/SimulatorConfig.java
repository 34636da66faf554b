package dev.genqueue.apixo.simulator;

import dev.genqueue.apixo.simulator.config.ConfigSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a simulator instance needs to start; built with {@link #builder()} or read from the
 * environment for standalone runs.
 *
 * @param host                 interface to listen on
 * @param port                 TCP port; 0 picks a free one
 * @param timeFactor           multiplier applied to every simulated duration (1 = real time, 0 = instant)
 * @param seed                 seed of all randomness; null draws one at start
 * @param apiKeys              accepted keys; any other bearer token gets 401
 * @param controlApiEnabled    whether {@code /_sim/...} answers (404 otherwise)
 * @param urlTtl               how long result URLs stay downloadable after completion (wall clock)
 * @param publicBaseUrl        base of result links; null uses the listening address
 * @param allowHttpCallbacks   accept {@code http://} callback URLs (APIXO requires HTTPS)
 * @param callbackTimeout      how long a callback receiver may take to answer (wall clock)
 * @param callbackRetryDelays  delays after a failed delivery, simulated time (scaled by the time factor)
 * @param rateLimitWindow      length of the sliding window the plans' requests/min are counted in
 * @param scaleRateLimitWindow multiply the rate window by the time factor
 * @param retryAfterHeader     send {@code Retry-After} on 429 (APIXO documents none)
 * @param failureRate          share of tasks that fail with a random processing failCode (0..1)
 * @param eventLoops           HTTP server instances, one per event loop
 * @param responseLatency      extra wall-clock latency added to every API answer
 * @param pendingDuration      time spent in {@code pending} before processing, simulated time
 * @param modelDurations       processing time per model id overriding the catalogue, simulated time
 */
public record SimulatorConfig(
        String host,
        int port,
        double timeFactor,
        Long seed,
        List<ApiKey> apiKeys,
        boolean controlApiEnabled,
        Duration urlTtl,
        String publicBaseUrl,
        boolean allowHttpCallbacks,
        Duration callbackTimeout,
        List<Duration> callbackRetryDelays,
        Duration rateLimitWindow,
        boolean scaleRateLimitWindow,
        boolean retryAfterHeader,
        double failureRate,
        int eventLoops,
        DurationRange responseLatency,
        DurationRange pendingDuration,
        Map<String, DurationRange> modelDurations) {

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (!(timeFactor >= 0) || Double.isInfinite(timeFactor)) {
            throw new IllegalArgumentException("timeFactor must be a finite number >= 0");
        }
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("failureRate must be within 0..1");
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("eventLoops must be >= 1");
        }
        requirePositive(urlTtl, "urlTtl");
        requirePositive(callbackTimeout, "callbackTimeout");
        requirePositive(rateLimitWindow, "rateLimitWindow");
        apiKeys = List.copyOf(apiKeys);
        callbackRetryDelays = List.copyOf(callbackRetryDelays);
        modelDurations = Map.copyOf(modelDurations);
        Objects.requireNonNull(responseLatency, "responseLatency");
        Objects.requireNonNull(pendingDuration, "pendingDuration");
    }

    /** A builder with the defaults documented in docs/apixo-simulator.md. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads {@code APIXO_SIM_*} environment variables, overridden by {@code apixo.sim.*} system properties. */
    public static SimulatorConfig fromEnvironment() {
        return ConfigSource.fromEnvironment().apply(builder()).build();
    }

    /** Reads a {@code .properties} or {@code .json} file, then the environment and system properties on top. */
    public static SimulatorConfig fromFile(Path file) {
        return ConfigSource.fromFileThenEnvironment(file).apply(builder()).build();
    }

    /** Converts a simulated duration in milliseconds into wall-clock milliseconds. */
    public long scaled(long simulatedMillis) {
        if (simulatedMillis == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return Math.round(simulatedMillis * timeFactor);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }

    /** Fluent construction of a {@link SimulatorConfig}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private double timeFactor = 1.0;
        private Long seed;
        private final List<ApiKey> apiKeys = new ArrayList<>();
        private boolean controlApiEnabled;
        private Duration urlTtl = Duration.ofHours(24);
        private String publicBaseUrl;
        private boolean allowHttpCallbacks = true;
        private Duration callbackTimeout = Duration.ofSeconds(30);
        private List<Duration> callbackRetryDelays =
                List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));
        private Duration rateLimitWindow = Duration.ofMinutes(1);
        private boolean scaleRateLimitWindow;
        private boolean retryAfterHeader;
        private double failureRate;
        private int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
        private DurationRange responseLatency = DurationRange.exactly(Duration.ZERO);
        private DurationRange pendingDuration = DurationRange.ofSeconds(1, 3);
        private final Map<String, DurationRange> modelDurations = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder timeFactor(double value) {
            timeFactor = value;
            return this;
        }

        public Builder seed(Long value) {
            seed = value;
            return this;
        }

        /** Adds (or replaces) an accepted key. */
        public Builder apiKey(String key, Plan plan, BigDecimal balance) {
            apiKeys.removeIf(existing -> existing.key().equals(key));
            apiKeys.add(new ApiKey(key, plan, balance));
            return this;
        }

        public Builder controlApiEnabled(boolean value) {
            controlApiEnabled = value;
            return this;
        }

        public Builder urlTtl(Duration value) {
            urlTtl = value;
            return this;
        }

        public Builder publicBaseUrl(String value) {
            publicBaseUrl = value;
            return this;
        }

        public Builder allowHttpCallbacks(boolean value) {
            allowHttpCallbacks = value;
            return this;
        }

        public Builder callbackTimeout(Duration value) {
            callbackTimeout = value;
            return this;
        }

        public Builder callbackRetryDelays(List<Duration> value) {
            callbackRetryDelays = List.copyOf(value);
            return this;
        }

        public Builder rateLimitWindow(Duration value) {
            rateLimitWindow = value;
            return this;
        }

        public Builder scaleRateLimitWindow(boolean value) {
            scaleRateLimitWindow = value;
            return this;
        }

        public Builder retryAfterHeader(boolean value) {
            retryAfterHeader = value;
            return this;
        }

        public Builder failureRate(double value) {
            failureRate = value;
            return this;
        }

        public Builder eventLoops(int value) {
            eventLoops = value;
            return this;
        }

        public Builder responseLatency(DurationRange value) {
            responseLatency = value;
            return this;
        }

        public Builder pendingDuration(DurationRange value) {
            pendingDuration = value;
            return this;
        }

        /** Overrides the processing time of one model (simulated time). */
        public Builder modelDuration(String modelId, DurationRange value) {
            modelDurations.put(modelId, value);
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(host, port, timeFactor, seed, apiKeys, controlApiEnabled, urlTtl,
                    publicBaseUrl, allowHttpCallbacks, callbackTimeout, callbackRetryDelays, rateLimitWindow,
                    scaleRateLimitWindow, retryAfterHeader, failureRate, eventLoops, responseLatency,
                    pendingDuration, modelDurations);
        }
    }
}
