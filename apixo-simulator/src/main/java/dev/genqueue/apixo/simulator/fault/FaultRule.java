package dev.genqueue.apixo.simulator.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault to inject into matching calls: which endpoint (and optionally key, model, task), what effect,
 * how many times and for how long. Null matchers match anything.
 *
 * @param endpoint endpoint the rule watches ({@link Endpoint#ANY} for all API endpoints)
 * @param apiKey   only calls made with this key; null for any
 * @param model    only calls for this model id; null for any
 * @param taskId   only status calls / file downloads of this task; null for any
 * @param effect   what happens to a matching call (task effects only make sense on submit)
 * @param times    how many matching calls are affected; 0 for every call while the rule lives
 * @param lifetime wall-clock time the rule stays active after it is added; null for no limit
 */
public record FaultRule(Endpoint endpoint, String apiKey, String model, String taskId, FaultEffect effect, int times,
        Duration lifetime) {

    public FaultRule {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(effect, "effect");
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
        if (!effect.affectsResponse() && endpoint != Endpoint.SUBMIT) {
            throw new IllegalArgumentException("task effects (fail, never-finish, duration, callback) need endpoint submit");
        }
    }

    /** Starts a rule for one endpoint. */
    public static Builder on(Endpoint endpoint) {
        return new Builder(endpoint);
    }

    /** Fluent construction of a {@link FaultRule}. */
    public static final class Builder {
        private final Endpoint endpoint;
        private String apiKey;
        private String model;
        private String taskId;
        private int times;
        private Duration lifetime;

        private Builder(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        public Builder forKey(String value) {
            apiKey = value;
            return this;
        }

        public Builder forModel(String value) {
            model = value;
            return this;
        }

        public Builder forTask(String value) {
            taskId = value;
            return this;
        }

        /** Affects only the next {@code count} matching calls. */
        public Builder times(int count) {
            times = count;
            return this;
        }

        /** Stays active for this wall-clock time. */
        public Builder during(Duration value) {
            lifetime = value;
            return this;
        }

        public FaultRule then(FaultEffect effect) {
            return new FaultRule(endpoint, apiKey, model, taskId, effect, times, lifetime);
        }

        public FaultRule respond(int httpStatus) {
            return then(new FaultEffect.HttpError(httpStatus));
        }
    }
}
