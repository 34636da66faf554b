package dev.genqueue.apixo.simulator;

import dev.genqueue.apixo.simulator.api.Services;
import dev.genqueue.apixo.simulator.catalogue.ModelCatalogue;
import dev.genqueue.apixo.simulator.fault.FaultRule;
import dev.genqueue.apixo.simulator.quota.Account;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Programmatic faults and account changes: the same capabilities as the {@code /_sim} control API, which
 * delegates here. Unknown keys or models raise {@link NoSuchElementException}.
 */
public final class SimulatorControl {

    private final Services services;

    SimulatorControl(Services services) {
        this.services = services;
    }

    /** Adds a fault rule; answers its id. */
    public long addFault(FaultRule rule) {
        return services.faults().add(rule, services.now());
    }

    /** Removes one fault rule; answers whether it was active. */
    public boolean removeFault(long id) {
        return services.faults().remove(id);
    }

    /** Active fault rules by id. */
    public Map<Long, FaultRule> faults() {
        return services.faults().active(services.now());
    }

    /** Removes every fault rule and ends any outage. */
    public void clearFaults() {
        services.faults().clear();
    }

    /** Every API endpoint answers 503 for this wall-clock duration. */
    public void outage(Duration duration) {
        services.faults().outageUntil(services.now() + duration.toMillis());
    }

    /** An outage of a simulated duration, scaled by the time factor. */
    public void outageSimulated(Duration duration) {
        services.faults().outageUntil(services.now() + services.config().scaled(duration.toMillis()));
    }

    public void endOutage() {
        services.faults().outageUntil(0);
    }

    /** Adds a key, or replaces an existing key's plan and balance. */
    public void addKey(String key, Plan plan, BigDecimal balance) {
        services.accounts().add(new ApiKey(key, plan, balance));
    }

    public void setBalance(String key, BigDecimal usd) {
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("balance must be >= 0");
        }
        account(key).setBalance(usd);
    }

    /** Adds {@code usd} to a key's balance; answers the new balance. */
    public BigDecimal topUp(String key, BigDecimal usd) {
        return account(key).topUp(usd);
    }

    public BigDecimal balance(String key) {
        return account(key).balance(services.now());
    }

    /** Changes a key's plan at once; its rate window starts empty. */
    public void setPlan(String key, Plan plan) {
        account(key).applyPlan(plan);
    }

    /** Replaces a model's processing-time distribution (simulated time). */
    public void setModelDuration(String model, DurationRange range) {
        if (ModelCatalogue.find(model).isEmpty()) {
            throw new NoSuchElementException("unknown model " + model);
        }
        services.overrides().set(model, range);
    }

    /** Back to the configured per-model durations. */
    public void resetModelDurations() {
        services.overrides().reset();
    }

    /** Zeroes all counters (calls, statuses, callbacks, money charged/refunded, max concurrency). */
    public void resetStats() {
        services.stats().reset(services.tasks(), services.accounts(), services.now());
    }

    /** Clears faults, the outage and duration overrides, and zeroes the stats. Tasks, keys and balances stay. */
    public void reset() {
        clearFaults();
        resetModelDurations();
        resetStats();
    }

    private Account account(String key) {
        return services.accounts().find(key).orElseThrow(() -> new NoSuchElementException("unknown API key"));
    }
}
