package dev.genqueue.apixo.simulator.task;

import dev.genqueue.apixo.simulator.fault.CallbackFault;
import dev.genqueue.apixo.simulator.output.OutputKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * One submitted task. Its timeline is fixed at submit, so its state is a pure function of the clock:
 * no thread or timer is needed to move it forward.
 */
public final class Task {

    /** {@link #completeAt()} of a task that never finishes. */
    public static final long NEVER = Long.MAX_VALUE;

    private final String id;
    private final String model;
    private final String apiKey;
    private final String fingerprint;
    private final byte[] contentSeed;
    private final long createTime;
    private final long processingAt;
    private final long completeAt;
    private final Outcome outcome;
    private final BigDecimal price;
    private final List<OutputKind> outputs;
    private final String callbackUrl;
    private final List<CallbackFault> callbackFaults;
    private final LongAdder statusCalls = new LongAdder();
    private final AtomicInteger callbackAttempts = new AtomicInteger();
    private final AtomicInteger callbackAcks = new AtomicInteger();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final AtomicReferenceArray<byte[]> payloads = new AtomicReferenceArray<>(TaskState.values().length);
    private final AtomicReferenceArray<byte[]> files;

    Task(String id, String model, String apiKey, String fingerprint, byte[] contentSeed, long createTime,
            long processingAt, long completeAt, Outcome outcome, BigDecimal price, List<OutputKind> outputs,
            String callbackUrl, List<CallbackFault> callbackFaults) {
        this.id = id;
        this.model = model;
        this.apiKey = apiKey;
        this.fingerprint = fingerprint;
        this.contentSeed = contentSeed.clone();
        this.createTime = createTime;
        this.processingAt = processingAt;
        this.completeAt = completeAt;
        this.outcome = outcome;
        this.price = price;
        this.outputs = List.copyOf(outputs);
        this.files = new AtomicReferenceArray<>(this.outputs.size());
        this.callbackUrl = callbackUrl;
        this.callbackFaults = List.copyOf(callbackFaults);
    }

    /** The state at {@code now} (epoch ms). */
    public TaskState state(long now) {
        if (now >= completeAt) {
            return outcome.state();
        }
        return now >= processingAt ? TaskState.PROCESSING : TaskState.PENDING;
    }

    public boolean terminalAt(long now) {
        return now >= completeAt;
    }

    public String id() {
        return id;
    }

    public String model() {
        return model;
    }

    public String apiKey() {
        return apiKey;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** Seed of the generated result bytes (derived from the prompt). */
    public byte[] contentSeed() {
        return contentSeed.clone();
    }

    public long createTime() {
        return createTime;
    }

    public long processingAt() {
        return processingAt;
    }

    public long completeAt() {
        return completeAt;
    }

    public Outcome outcome() {
        return outcome;
    }

    public BigDecimal price() {
        return price;
    }

    public List<OutputKind> outputs() {
        return outputs;
    }

    /** The webhook target, or null for {@code request_type=async}. */
    public String callbackUrl() {
        return callbackUrl;
    }

    public List<CallbackFault> callbackFaults() {
        return callbackFaults;
    }

    public LongAdder statusCalls() {
        return statusCalls;
    }

    public AtomicInteger callbackAttempts() {
        return callbackAttempts;
    }

    /** Deliveries the receiver answered with 200 (more than 1 only with injected duplicates). */
    public AtomicInteger callbackAcks() {
        return callbackAcks;
    }

    /** Set once the key's concurrency slot is released (and a failure refunded). */
    public AtomicBoolean settled() {
        return settled;
    }

    /** Cached rendering of this task in {@code state}; payloads never change once rendered. */
    /** The bytes of output {@code index} if they were generated before; they never change for a task. */
    public byte[] cachedFile(int index) {
        return files.get(index);
    }

    public void cacheFile(int index, byte[] bytes) {
        files.set(index, bytes);
    }

    public byte[] cachedPayload(TaskState state) {
        return payloads.get(state.ordinal());
    }

    public void cachePayload(TaskState state, byte[] payload) {
        payloads.compareAndSet(state.ordinal(), null, payload);
    }
}
