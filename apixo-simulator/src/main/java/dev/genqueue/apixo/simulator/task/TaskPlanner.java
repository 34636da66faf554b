package dev.genqueue.apixo.simulator.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.apixo.simulator.SimulatorConfig;
import dev.genqueue.apixo.simulator.fault.CallbackFault;
import dev.genqueue.apixo.simulator.fault.FailCodes;
import dev.genqueue.apixo.simulator.fault.FaultEffect;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixes a new task's timeline and outcome. Each task draws from its own random stream derived from the
 * seed, the key, the request fingerprint and how often that key sent that request, so outcomes are
 * reproducible whatever the interleaving of concurrent submits.
 */
public final class TaskPlanner {

    private static final List<String> MEDIA_FIELDS = List.of("image_urls", "video_urls", "audio_urls");

    private final SimulatorConfig config;
    private final long seed;
    private final DurationOverrides overrides;
    private final TaskStore store;
    private final ConcurrentHashMap<String, AtomicLong> occurrences = new ConcurrentHashMap<>();

    public TaskPlanner(SimulatorConfig config, long seed, DurationOverrides overrides, TaskStore store) {
        this.config = config;
        this.seed = seed;
        this.overrides = overrides;
        this.store = store;
    }

    /** Creates (but does not store) the task for {@code request}, submitted at {@code now}. */
    public Task plan(TaskRequest request, long now) {
        SplittableRandom random = randomFor(request);
        // always draw the same number of values so one forced effect does not shift later draws
        long pendingMillis = config.pendingDuration().sampleMillis(random);
        long processingMillis = processingMillis(request, random);
        double failureRoll = random.nextDouble();
        int transientIndex = random.nextInt(FailCodes.TRANSIENT.size());
        String id = newId(request, random);

        Outcome outcome = outcome(request, failureRoll, transientIndex);
        long processingAt = now + config.scaled(pendingMillis);
        long completeAt;
        if (has(request, FaultEffect.NeverFinish.class)) {
            completeAt = Task.NEVER;
        } else if (outcome.failed() && FailCodes.lookup(outcome.failCode()).family().failsBeforeProcessing()) {
            completeAt = processingAt;
        } else {
            completeAt = processingAt + config.scaled(processingMillis);
        }
        List<CallbackFault> callbackFaults = new ArrayList<>();
        request.effects().stream().filter(FaultEffect.Callback.class::isInstance)
                .forEach(effect -> callbackFaults.add(((FaultEffect.Callback) effect).fault()));
        return new Task(id, request.model().id(), request.apiKey(), request.fingerprint(), request.contentSeed(), now,
                processingAt, completeAt, outcome, request.price(),
                outcome.failed() ? List.of() : request.model().outputs().apply(request.input()),
                request.callbackUrl(), callbackFaults);
    }

    private long processingMillis(TaskRequest request, SplittableRandom random) {
        long drawn = overrides.find(request.model().id())
                .orElseGet(() -> request.model().duration().apply(request.input()))
                .sampleMillis(random);
        return request.effects().stream().filter(FaultEffect.FixedDuration.class::isInstance)
                .map(effect -> ((FaultEffect.FixedDuration) effect).simulated().toMillis())
                .findFirst().orElse(drawn);
    }

    private Outcome outcome(TaskRequest request, double failureRoll, int transientIndex) {
        for (FaultEffect effect : request.effects()) {
            if (effect instanceof FaultEffect.FailTask fail) {
                FailCodes.FailCode code = FailCodes.lookup(fail.failCode());
                return Outcome.failed(code.code(), fail.failMsg() != null ? fail.failMsg() : code.message());
            }
        }
        if (hasUnreachableMedia(request)) {
            return Outcome.failed("INVALID_IMAGE_URL", FailCodes.lookup("INVALID_IMAGE_URL").message());
        }
        if (failureRoll < config.failureRate()) {
            FailCodes.FailCode code = FailCodes.lookup(FailCodes.TRANSIENT.get(transientIndex));
            return Outcome.failed(code.code(), code.message());
        }
        return Outcome.SUCCESS;
    }

    // media hosted under the reserved .invalid TLD stands for "the provider could not download it"
    private static boolean hasUnreachableMedia(TaskRequest request) {
        for (String field : MEDIA_FIELDS) {
            JsonNode urls = request.input().field(field);
            if (urls != null && urls.isArray()) {
                for (JsonNode url : urls) {
                    if (hostOf(url.asText()).endsWith(".invalid")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static boolean has(TaskRequest request, Class<? extends FaultEffect> type) {
        return request.effects().stream().anyMatch(type::isInstance);
    }

    private String newId(TaskRequest request, SplittableRandom random) {
        String prefix = request.model().id().equals("veo-3-1-extend") ? "extend_task_" : "task_";
        String id;
        do {
            id = prefix + String.format("%016x", random.nextLong()) + String.format("%08x", random.nextInt());
        } while (store.contains(id));
        return id;
    }

    private SplittableRandom randomFor(TaskRequest request) {
        String streamKey = request.apiKey() + '\n' + request.fingerprint();
        long occurrence = occurrences.computeIfAbsent(streamKey, key -> new AtomicLong()).getAndIncrement();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ByteBuffer.allocate(16).putLong(seed).putLong(occurrence).array());
            digest.update(streamKey.getBytes(StandardCharsets.UTF_8));
            return new SplittableRandom(ByteBuffer.wrap(digest.digest()).getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
