package dev.genqueue.api.callback;

import dev.genqueue.store.callback.CallbackHint;
import dev.genqueue.store.callback.CallbackHints;
import dev.genqueue.store.callback.CallbackOutcome;
import dev.genqueue.store.callback.CallbackTokens;
import dev.genqueue.store.callback.HintResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes one webhook delivery: checks its shape without touching the database, then has
 * {@link CallbackHints} check the token and store the hint. Logs name the job, never the token or the body.
 */
@ApplicationScoped
public class CallbackReceiver {

    private static final Logger LOG = Logger.getLogger(CallbackReceiver.class);

    private final CallbackHints hints;
    private final CallbackMetrics metrics;
    private final long maxBodySize;

    CallbackReceiver(CallbackHints hints, CallbackMetrics metrics, CallbackConfig config) {
        this.hints = hints;
        this.metrics = metrics;
        this.maxBodySize = config.maxBodySize().asLongValue();
    }

    /** What became of the delivery; only {@link CallbackOutcome#UNAVAILABLE} asks the sender to retry. */
    public CallbackOutcome receive(String jobId, String token, byte[] body) {
        return receive(jobId, null, token, body);
    }

    /**
     * A delivery to an attempt's URL; {@code attempt} {@code null} for the older URL that names none.
     * Only the canonical decimal form of an attempt (1, 2, …) is one.
     */
    public CallbackOutcome receive(String jobId, String attempt, String token, byte[] body) {
        Optional<UUID> id = uuid(jobId);
        if (id.isEmpty()) {
            return invalid("-", "malformed job id");
        }
        if (!CallbackTokens.isWellFormed(token)) {
            return invalid(id.get().toString(), "malformed token");
        }
        Integer attemptNumber = null;
        if (attempt != null) {
            if (!attempt.matches("[1-9][0-9]{0,8}")) {
                return invalid(id.get().toString(), "malformed attempt");
            }
            attemptNumber = Integer.valueOf(attempt);
        }
        int size = body == null ? 0 : body.length;
        if (size > maxBodySize) {
            return invalid(id.get().toString(), "body of " + size + " bytes exceeds " + maxBodySize);
        }
        CallbackBody.Parsed parsed = CallbackBody.parse(body);
        if (!parsed.isValid()) {
            return invalid(id.get().toString(), parsed.problem());
        }
        HintResult result;
        try {
            result = hints.record(new CallbackHint(id.get(), token, parsed.json(), parsed.taskId(), parsed.state(),
                    attemptNumber));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Callback for job %s not recorded, the sender is asked to retry", id.get());
            metrics.count(CallbackOutcome.UNAVAILABLE);
            return CallbackOutcome.UNAVAILABLE;
        }
        metrics.count(result.outcome());
        if (result.outcome() == CallbackOutcome.REJECTED || result.outcome() == CallbackOutcome.CAPPED) {
            LOG.warnf("Callback rejected for job %s: %s; nothing changed", id.get(), result.detail());
        } else {
            LOG.debugf("Callback %s for job %s (task %s, state %s): %s", result.outcome().wireName(), id.get(),
                    parsed.taskId(), parsed.state(), result.detail());
        }
        return result.outcome();
    }

    private CallbackOutcome invalid(String jobId, String why) {
        metrics.count(CallbackOutcome.INVALID);
        LOG.warnf("Callback ignored for job %s: %s; nothing changed", jobId, why);
        return CallbackOutcome.INVALID;
    }

    // only the canonical form: UUID.fromString also takes short forms such as 1-2-3-4-5
    private static Optional<UUID> uuid(String value) {
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equalsIgnoreCase(value) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
