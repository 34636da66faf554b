package dev.genqueue.bench.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulator's control API ({@code /_sim}): statistics, plans, per-model durations and injected latency.
 * The harness changes the simulator between scenarios through it, so one simulator serves the whole run.
 */
public final class SimulatorApi {

    private final String baseUrl;
    private final String apiKey;

    public SimulatorApi(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    public String apiKey() {
        return apiKey;
    }

    /** Counters of the whole simulator, without per-task details. */
    public Counters counters() {
        return Counters.of(Http.getJson(baseUrl + "/_sim/stats?tasks=false"), apiKey);
    }

    /** Per task: creation and completion times and status calls, keyed by task id. */
    public Map<String, Task> tasks() {
        JsonNode tasks = Http.getJson(baseUrl + "/_sim/stats").path("tasks");
        Map<String, Task> byId = new HashMap<>(tasks.size() * 2);
        tasks.fields().forEachRemaining(entry -> {
            JsonNode task = entry.getValue();
            byId.put(entry.getKey(), new Task(task.path("model").asText(), task.path("state").asText(),
                    task.path("createTime").asLong(), task.path("completeTime").asLong(),
                    task.path("statusCalls").asLong(), task.path("callbackAttempts").asInt(),
                    task.path("callbackAcks").asInt()));
        });
        return byId;
    }

    public void resetStats() {
        Http.send("POST", baseUrl + "/_sim/stats/reset", null);
    }

    /** Gives the key a custom plan: {@code requests} per rate window and {@code concurrent} unfinished tasks. */
    public void limitPlan(int requests, int concurrent) {
        Http.send("PUT", baseUrl + "/_sim/keys/" + apiKey + "/plan",
                "{\"requestsPerMinute\":" + requests + ",\"concurrentTasks\":" + concurrent + "}");
    }

    /**
     * Adds a key with a custom plan ({@code requests} per rate window, {@code concurrent} unfinished tasks) and
     * answers this API for it.
     */
    public SimulatorApi addKey(String key, int requests, int concurrent, int balanceUsd) {
        Http.send("POST", baseUrl + "/_sim/keys", "{\"key\":\"" + key + "\",\"requestsPerMinute\":" + requests
                + ",\"concurrentTasks\":" + concurrent + ",\"balance\":\"" + balanceUsd + "\"}");
        return new SimulatorApi(baseUrl, key);
    }

    public void unlimitedPlan() {
        Http.send("PUT", baseUrl + "/_sim/keys/" + apiKey + "/plan", "{\"plan\":\"unlimited\"}");
    }

    /** Processing time of a model's tasks, uniformly drawn in {@code [min, max]} (simulated time). */
    public void modelDuration(String model, Duration min, Duration max) {
        Http.send("PUT", baseUrl + "/_sim/models/" + model + "/duration",
                "{\"minMs\":" + min.toMillis() + ",\"maxMs\":" + max.toMillis() + "}");
    }

    public void resetModelDurations() {
        Http.send("DELETE", baseUrl + "/_sim/models/durations", null);
    }

    /** Holds every API answer back by {@code delay} (as the latency setting does); answers the rule's id. */
    public long addLatency(Duration delay) {
        String answer = Http.send("POST", baseUrl + "/_sim/faults",
                "{\"endpoint\":\"any\",\"effect\":{\"type\":\"delay\",\"delayMs\":" + delay.toMillis() + "}}");
        return Http.parse(answer).path("id").asLong();
    }

    public void removeFault(long id) {
        Http.send("DELETE", baseUrl + "/_sim/faults/" + id, null);
    }

    /** One task as the statistics report it. */
    public record Task(String model, String state, long createTime, long completeTime, long statusCalls,
            int callbackAttempts, int callbackAcks) {
    }

    /**
     * Counters relevant to the benchmark.
     *
     * @param submits         submit calls of the key (all answers)
     * @param statusCalls     status calls of the key (all answers)
     * @param balanceCalls    balance calls of the key
     * @param fileDownloads   result files served
     * @param tooManyRequests 429s issued by the plan's limits
     * @param callbacksAcked  webhook deliveries acknowledged
     */
    public record Counters(long submits, long statusCalls, long balanceCalls, long fileDownloads, long tooManyRequests,
            long callbacksAcked) {

        static Counters of(JsonNode stats, String key) {
            JsonNode calls = stats.path("callsByKey").path(key);
            return new Counters(calls.path("submit").asLong(), calls.path("status").asLong(),
                    calls.path("balance").asLong(), stats.path("fileDownloads").asLong(),
                    stats.path("tooManyRequests").asLong(), stats.path("callbacks").path("acknowledged").asLong());
        }

        /** API calls counted against the plan: submits, status queries and balance checks. */
        public long apiCalls() {
            return submits + statusCalls + balanceCalls;
        }

        public Counters minus(Counters before) {
            return new Counters(submits - before.submits, statusCalls - before.statusCalls,
                    balanceCalls - before.balanceCalls, fileDownloads - before.fileDownloads,
                    tooManyRequests - before.tooManyRequests, callbacksAcked - before.callbacksAcked);
        }
    }
}
