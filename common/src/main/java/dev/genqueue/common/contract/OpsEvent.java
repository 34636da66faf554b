package dev.genqueue.common.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An operational event on {@link Topics#OPS}, keyed by {@code kind}: the account was paused or resumed,
 * the daily cost threshold was crossed. Consumers drop repeats by {@code eventId}.
 *
 * @param kind     {@code account_paused}, {@code account_resumed} or {@code cost_threshold_exceeded}
 * @param severity {@code warning} or {@code info}
 * @param reason   what happened, for people
 * @param details  machine-readable facts (HTTP status, amounts, durations)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpsEvent(UUID eventId, int schemaVersion, String kind, String severity, Instant at, String instanceId,
        String reason, Map<String, Object> details) {

    public static final int SCHEMA_VERSION = 1;
    public static final String ACCOUNT_PAUSED = "account_paused";
    public static final String ACCOUNT_RESUMED = "account_resumed";
    public static final String COST_THRESHOLD_EXCEEDED = "cost_threshold_exceeded";

    public OpsEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
