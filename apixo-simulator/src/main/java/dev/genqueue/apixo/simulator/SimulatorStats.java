package dev.genqueue.apixo.simulator;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An immutable snapshot of what the simulator saw, as returned by {@code GET /_sim/stats}.
 *
 * @param takenAt              epoch ms of the snapshot
 * @param callsByKey           API calls per key, then per endpoint ({@code submit}, {@code status},
 *                             {@code balance}); calls without a valid key are under {@value #UNAUTHENTICATED}
 * @param responsesByStatus    API and file answers per HTTP status
 * @param tooManyRequests      429 answers issued (rate plus concurrency, injected ones excluded)
 * @param rateLimited          429 answers for the requests/min limit
 * @param concurrencyLimited   429 answers for the concurrent-task limit
 * @param droppedConnections   connections closed without an answer (injected)
 * @param fileDownloads        result file downloads served
 * @param expiredDownloads     result file requests refused because the URL expired
 * @param submitsByFingerprint accepted submits per sha256(model + canonical body without its delivery fields); > 1 means a duplicate paid submit
 * @param callbacks            webhook delivery counters
 * @param keys                 per key: plan, money and concurrency
 * @param tasksByState         tasks per current state
 * @param tasks                per task details (empty when the snapshot was taken without them)
 */
public record SimulatorStats(
        long takenAt,
        Map<String, Map<String, Long>> callsByKey,
        Map<Integer, Long> responsesByStatus,
        long tooManyRequests,
        long rateLimited,
        long concurrencyLimited,
        long droppedConnections,
        long fileDownloads,
        long expiredDownloads,
        Map<String, Long> submitsByFingerprint,
        CallbackStats callbacks,
        Map<String, KeyStats> keys,
        Map<String, Long> tasksByState,
        Map<String, TaskStats> tasks) {

    /** Bucket of calls made without a configured key. */
    public static final String UNAUTHENTICATED = "(unauthenticated)";

    /** Calls one key made to one endpoint ({@code submit}, {@code status}, {@code balance}). */
    public long calls(String key, String endpoint) {
        return callsByKey.getOrDefault(key, Map.of()).getOrDefault(endpoint, 0L);
    }

    /** All calls to one endpoint, whatever the key. */
    public long calls(String endpoint) {
        return callsByKey.values().stream().mapToLong(byEndpoint -> byEndpoint.getOrDefault(endpoint, 0L)).sum();
    }

    /** Answers with this HTTP status. */
    public long responses(int status) {
        return responsesByStatus.getOrDefault(status, 0L);
    }

    /** Accepted submits beyond the first of each identical request. */
    public long duplicateSubmits() {
        return submitsByFingerprint.values().stream().mapToLong(count -> Math.max(0, count - 1)).sum();
    }

    /**
     * Webhook delivery counters.
     *
     * @param attempted      POSTs sent (including duplicates and stale ones)
     * @param acknowledged   POSTs answered 200 in time
     * @param failedAttempts POSTs that failed (non-200, timeout, connection error)
     * @param abandoned      tasks whose delivery gave up after the last retry
     * @param lost           tasks whose callback was dropped on purpose
     * @param duplicatesSent extra copies sent by duplicate injection
     * @param staleSent      out-of-order stale payloads sent
     */
    public record CallbackStats(long attempted, long acknowledged, long failedAttempts, long abandoned, long lost,
            long duplicatesSent, long staleSent) {
    }

    /**
     * One key's account.
     *
     * @param plan              plan name
     * @param requestsPerMinute plan rate limit ({@link Plan#NO_LIMIT} for none)
     * @param concurrentTasks   plan concurrency limit ({@link Plan#NO_LIMIT} for none)
     * @param balance           remaining USD
     * @param charged           USD charged
     * @param refunded          USD refunded
     * @param concurrency       unfinished tasks now
     * @param maxConcurrency    most unfinished tasks seen at once
     * @param requestsInWindow  requests counted in the current rate window
     */
    public record KeyStats(String plan, int requestsPerMinute, int concurrentTasks, BigDecimal balance,
            BigDecimal charged, BigDecimal refunded, int concurrency, int maxConcurrency, int requestsInWindow) {
    }

    /**
     * One task.
     *
     * @param model            model id
     * @param apiKey           owning key
     * @param state            state now
     * @param fingerprint      request fingerprint
     * @param createTime       epoch ms of the submit
     * @param completeTime     epoch ms of completion, or -1 for a task that never finishes
     * @param statusCalls      status queries received for it
     * @param callbackAttempts webhook POSTs sent for it
     * @param callbackAcks     webhook POSTs acknowledged for it
     */
    public record TaskStats(String model, String apiKey, String state, String fingerprint, long createTime,
            long completeTime, long statusCalls, int callbackAttempts, int callbackAcks) {
    }
}
