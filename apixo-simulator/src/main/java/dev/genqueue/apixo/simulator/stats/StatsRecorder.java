package dev.genqueue.apixo.simulator.stats;

import dev.genqueue.apixo.simulator.SimulatorStats;
import dev.genqueue.apixo.simulator.fault.Endpoint;
import dev.genqueue.apixo.simulator.quota.Account;
import dev.genqueue.apixo.simulator.quota.Accounts;
import dev.genqueue.apixo.simulator.task.Task;
import dev.genqueue.apixo.simulator.task.TaskState;
import dev.genqueue.apixo.simulator.task.TaskStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Lock-free counters of everything tests and benchmarks want to assert on; cheap on the hot path. */
public final class StatsRecorder {

    private static final Endpoint[] COUNTED = {Endpoint.SUBMIT, Endpoint.STATUS, Endpoint.BALANCE};

    private final ConcurrentHashMap<String, LongAdder[]> callsByKey = new ConcurrentHashMap<>();
    private final AtomicLongArray responsesByStatus = new AtomicLongArray(600);
    private final ConcurrentHashMap<String, LongAdder> submitsByFingerprint = new ConcurrentHashMap<>();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder concurrencyLimited = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder fileDownloads = new LongAdder();
    private final LongAdder expiredDownloads = new LongAdder();
    private final CallbackCounters callbacks = new CallbackCounters();

    /** One API call by {@code keyLabel} (a configured key or {@link SimulatorStats#UNAUTHENTICATED}). */
    public void call(String keyLabel, Endpoint endpoint) {
        callsByKey.computeIfAbsent(keyLabel, label -> newCounters())[endpoint.ordinal()].increment();
    }

    public void response(int status) {
        if (status >= 0 && status < 600) {
            responsesByStatus.incrementAndGet(status);
        }
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public void concurrencyLimited() {
        concurrencyLimited.increment();
    }

    public void dropped() {
        dropped.increment();
    }

    public void fileDownload() {
        fileDownloads.increment();
    }

    public void expiredDownload() {
        expiredDownloads.increment();
    }

    public void submitted(String fingerprint) {
        submitsByFingerprint.computeIfAbsent(fingerprint, f -> new LongAdder()).increment();
    }

    public CallbackCounters callbacks() {
        return callbacks;
    }

    /** Zeroes every counter, including per-task and per-key ones. */
    public void reset(TaskStore tasks, Accounts accounts, long now) {
        callsByKey.clear();
        for (int i = 0; i < responsesByStatus.length(); i++) {
            responsesByStatus.set(i, 0);
        }
        submitsByFingerprint.clear();
        Arrays.asList(rateLimited, concurrencyLimited, dropped, fileDownloads, expiredDownloads)
                .forEach(LongAdder::reset);
        callbacks.reset();
        for (Task task : tasks.all()) {
            task.statusCalls().reset();
            task.callbackAttempts().set(0);
            task.callbackAcks().set(0);
        }
        accounts.all().forEach(account -> account.resetCounters(now));
    }

    /** A consistent-enough snapshot (counters are read one by one while traffic may continue). */
    public SimulatorStats snapshot(TaskStore tasks, Accounts accounts, long now, boolean withTasks) {
        Map<String, Map<String, Long>> calls = new TreeMap<>();
        callsByKey.forEach((key, counters) -> {
            Map<String, Long> byEndpoint = new LinkedHashMap<>();
            for (Endpoint endpoint : COUNTED) {
                byEndpoint.put(endpoint.label(), counters[endpoint.ordinal()].sum());
            }
            calls.put(key, byEndpoint);
        });
        Map<Integer, Long> statuses = new TreeMap<>();
        for (int i = 0; i < responsesByStatus.length(); i++) {
            if (responsesByStatus.get(i) > 0) {
                statuses.put(i, responsesByStatus.get(i));
            }
        }
        Map<String, Long> fingerprints = new TreeMap<>();
        submitsByFingerprint.forEach((fingerprint, count) -> fingerprints.put(fingerprint, count.sum()));
        Map<String, SimulatorStats.KeyStats> keys = new TreeMap<>();
        for (Account account : accounts.all()) {
            Account.Snapshot s = account.snapshot(now);
            keys.put(account.key(), new SimulatorStats.KeyStats(s.plan().name(), s.plan().requestsPerMinute(),
                    s.plan().concurrentTasks(), s.balance(), s.charged(), s.refunded(), s.concurrency(),
                    s.maxConcurrency(), s.requestsInWindow()));
        }
        Map<String, Long> byState = new LinkedHashMap<>();
        for (TaskState state : TaskState.values()) {
            byState.put(state.wire(), 0L);
        }
        Map<String, SimulatorStats.TaskStats> perTask = new TreeMap<>();
        for (Task task : tasks.all()) {
            TaskState state = task.state(now);
            byState.merge(state.wire(), 1L, Long::sum);
            if (withTasks) {
                perTask.put(task.id(), new SimulatorStats.TaskStats(task.model(), task.apiKey(), state.wire(),
                        task.fingerprint(), task.createTime(), task.completeAt() == Task.NEVER ? -1 : task.completeAt(),
                        task.statusCalls().sum(), task.callbackAttempts().get(), task.callbackAcks().get()));
            }
        }
        long rate = rateLimited.sum();
        long concurrency = concurrencyLimited.sum();
        return new SimulatorStats(now, calls, statuses, rate + concurrency, rate, concurrency, dropped.sum(),
                fileDownloads.sum(), expiredDownloads.sum(), fingerprints, callbacks.snapshot(), keys, byState,
                perTask);
    }

    private static LongAdder[] newCounters() {
        LongAdder[] counters = new LongAdder[Endpoint.values().length];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new LongAdder();
        }
        return counters;
    }
}
