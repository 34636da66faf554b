package dev.genqueue.apixo.simulator.task;

import dev.genqueue.apixo.simulator.DurationRange;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Per-model processing-time distributions replacing the catalogue's, set by config or the control API. */
public final class DurationOverrides {

    private final Map<String, DurationRange> configured;
    private final ConcurrentHashMap<String, DurationRange> current = new ConcurrentHashMap<>();

    public DurationOverrides(Map<String, DurationRange> configured) {
        this.configured = Map.copyOf(configured);
        current.putAll(configured);
    }

    public Optional<DurationRange> find(String model) {
        return Optional.ofNullable(current.get(model));
    }

    public void set(String model, DurationRange range) {
        current.put(model, range);
    }

    /** Back to the configured overrides. */
    public void reset() {
        current.clear();
        current.putAll(configured);
    }

    public Map<String, DurationRange> all() {
        return Map.copyOf(current);
    }
}
