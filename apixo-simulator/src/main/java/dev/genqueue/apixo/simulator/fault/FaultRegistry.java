package dev.genqueue.apixo.simulator.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The active fault rules and the outage window; matching consumes a rule's remaining count. */
public final class FaultRegistry {

    private final List<ActiveRule> rules = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile long outageUntil;

    /** Adds a rule and answers its id (for removal). */
    public long add(FaultRule rule, long now) {
        long id = nextId.getAndIncrement();
        long expiresAt = rule.lifetime() == null ? Long.MAX_VALUE : now + rule.lifetime().toMillis();
        rules.add(new ActiveRule(id, rule, rule.times() == 0 ? null : new AtomicInteger(rule.times()), expiresAt));
        return id;
    }

    /** Removes one rule; answers whether it existed. */
    public boolean remove(long id) {
        return rules.removeIf(active -> active.id == id);
    }

    /** Removes every rule and ends any outage. */
    public void clear() {
        rules.clear();
        outageUntil = 0;
    }

    /** Rules still active, by id. */
    public Map<Long, FaultRule> active(long now) {
        Map<Long, FaultRule> view = new ConcurrentHashMap<>();
        rules.stream().filter(active -> active.alive(now)).forEach(active -> view.put(active.id, active.rule));
        return view;
    }

    /** Makes every API endpoint answer 503 until {@code until} (epoch ms). */
    public void outageUntil(long until) {
        outageUntil = until;
    }

    public boolean inOutage(long now) {
        return now < outageUntil;
    }

    public long outageUntil() {
        return outageUntil;
    }

    /** The first live response effect for this call, consuming one use of its rule. */
    public Optional<FaultEffect> responseEffect(Endpoint endpoint, String apiKey, String model, String taskId,
            long now) {
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        for (ActiveRule active : rules) {
            if (active.rule.effect().affectsResponse() && active.matches(endpoint, apiKey, model, taskId, now)
                    && active.consume()) {
                return Optional.of(active.rule.effect());
            }
        }
        return Optional.empty();
    }

    /** Every live task effect for a submit, each consuming one use of its rule. */
    public List<FaultEffect> taskEffects(String apiKey, String model, long now) {
        List<FaultEffect> effects = new ArrayList<>();
        for (ActiveRule active : rules) {
            if (!active.rule.effect().affectsResponse()
                    && active.matches(Endpoint.SUBMIT, apiKey, model, null, now) && active.consume()) {
                effects.add(active.rule.effect());
            }
        }
        return effects;
    }

    private final class ActiveRule {
        private final long id;
        private final FaultRule rule;
        private final AtomicInteger remaining;
        private final long expiresAt;

        private ActiveRule(long id, FaultRule rule, AtomicInteger remaining, long expiresAt) {
            this.id = id;
            this.rule = rule;
            this.remaining = remaining;
            this.expiresAt = expiresAt;
        }

        private boolean alive(long now) {
            return now < expiresAt && (remaining == null || remaining.get() > 0);
        }

        private boolean matches(Endpoint endpoint, String apiKey, String model, String taskId, long now) {
            if (!alive(now)) {
                rules.remove(this);
                return false;
            }
            return rule.endpoint().covers(endpoint)
                    && (rule.apiKey() == null || rule.apiKey().equals(apiKey))
                    && (rule.model() == null || rule.model().equals(model))
                    && (rule.taskId() == null || rule.taskId().equals(taskId));
        }

        private boolean consume() {
            if (remaining == null) {
                return true;
            }
            int left;
            do {
                left = remaining.get();
                if (left <= 0) {
                    return false;
                }
            } while (!remaining.compareAndSet(left, left - 1));
            return true;
        }
    }
}
