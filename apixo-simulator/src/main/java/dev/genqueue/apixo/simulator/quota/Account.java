package dev.genqueue.apixo.simulator.quota;

import dev.genqueue.apixo.simulator.ApiKey;
import dev.genqueue.apixo.simulator.Plan;
import dev.genqueue.apixo.simulator.task.Task;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * One API key's plan, balance and unfinished tasks. Tasks finish lazily: before any decision the account
 * settles the tasks whose completion time has passed, releasing their slots and refunding failures.
 */
public final class Account {

    private final String key;
    private final long windowMillis;
    private volatile Plan plan;
    private volatile RateWindow rateWindow;
    private BigDecimal balance;
    private BigDecimal charged = BigDecimal.ZERO.setScale(4);
    private BigDecimal refunded = BigDecimal.ZERO.setScale(4);
    private int maxConcurrency;
    private final PriorityQueue<Task> unfinished = new PriorityQueue<>(Comparator.comparingLong(Task::completeAt));

    Account(ApiKey apiKey, long windowMillis) {
        this.key = apiKey.key();
        this.windowMillis = windowMillis;
        this.balance = apiKey.balance();
        applyPlan(apiKey.plan());
    }

    public String key() {
        return key;
    }

    public Plan plan() {
        return plan;
    }

    /** Switches plan; the rate window starts empty. */
    public void applyPlan(Plan newPlan) {
        rateWindow = newPlan.rateLimited() ? new RateWindow(newPlan.requestsPerMinute(), windowMillis) : null;
        plan = newPlan;
    }

    /** 0 when the request may proceed, else the milliseconds until it could. */
    public long acquireRate(long now) {
        RateWindow window = rateWindow;
        return window == null ? 0 : window.tryAcquire(now);
    }

    /**
     * Checks concurrency then balance; when both allow, charges {@code price} and tracks the task made by
     * {@code factory}, all under one lock so concurrent submits cannot overshoot.
     */
    public synchronized Admission admit(BigDecimal price, long now, Supplier<Task> factory) {
        settle(now);
        if (unfinished.size() >= plan.concurrentTasks()) {
            return new Admission(Admission.Verdict.CONCURRENCY_LIMIT, null);
        }
        if (balance.compareTo(price) < 0) {
            return new Admission(Admission.Verdict.INSUFFICIENT_BALANCE, null);
        }
        Task task = factory.get();
        balance = balance.subtract(price).setScale(4, RoundingMode.HALF_UP);
        charged = charged.add(price).setScale(4, RoundingMode.HALF_UP);
        unfinished.add(task);
        maxConcurrency = Math.max(maxConcurrency, unfinished.size());
        return new Admission(Admission.Verdict.ADMITTED, task);
    }

    /**
     * Releases finished tasks' slots and refunds the failed ones (APIXO leaves refunds open:
     * docs/apixo-api.md §13.16).
     */
    public synchronized void settle(long now) {
        while (!unfinished.isEmpty() && unfinished.peek().terminalAt(now)) {
            Task task = unfinished.poll();
            if (task.settled().compareAndSet(false, true) && task.outcome().failed()) {
                balance = balance.add(task.price()).setScale(4, RoundingMode.HALF_UP);
                refunded = refunded.add(task.price()).setScale(4, RoundingMode.HALF_UP);
            }
        }
    }

    public synchronized BigDecimal balance(long now) {
        settle(now);
        return balance;
    }

    public synchronized void setBalance(BigDecimal value) {
        balance = value.setScale(4, RoundingMode.HALF_UP);
    }

    public synchronized BigDecimal topUp(BigDecimal amount) {
        balance = balance.add(amount).setScale(4, RoundingMode.HALF_UP);
        return balance;
    }

    /** A consistent view of the money and slots at {@code now}. */
    public synchronized Snapshot snapshot(long now) {
        settle(now);
        RateWindow window = rateWindow;
        return new Snapshot(plan, balance, charged, refunded, unfinished.size(), maxConcurrency,
                window == null ? 0 : window.used(now));
    }

    /** Zeroes the money counters; the maximum concurrency restarts from the current one. */
    public synchronized void resetCounters(long now) {
        settle(now);
        charged = BigDecimal.ZERO.setScale(4);
        refunded = BigDecimal.ZERO.setScale(4);
        maxConcurrency = unfinished.size();
    }

    /**
     * An account at one instant.
     *
     * @param plan               current plan
     * @param balance            remaining USD
     * @param charged            USD charged since start or the last stats reset
     * @param refunded           USD refunded for failed tasks since then
     * @param concurrency        unfinished tasks now
     * @param maxConcurrency     most unfinished tasks seen at once since then
     * @param requestsInWindow   requests counted in the current rate window
     */
    public record Snapshot(Plan plan, BigDecimal balance, BigDecimal charged, BigDecimal refunded, int concurrency,
            int maxConcurrency, int requestsInWindow) {
    }
}
