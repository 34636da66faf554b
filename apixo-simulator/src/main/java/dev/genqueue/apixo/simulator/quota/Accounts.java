package dev.genqueue.apixo.simulator.quota;

import dev.genqueue.apixo.simulator.ApiKey;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The configured API keys and their accounts. */
public final class Accounts {

    private final ConcurrentHashMap<String, Account> byKey = new ConcurrentHashMap<>();
    private final long windowMillis;

    public Accounts(List<ApiKey> keys, long windowMillis) {
        this.windowMillis = windowMillis;
        keys.forEach(this::add);
    }

    /** The account of a bearer token, if it is a configured key. */
    public Optional<Account> find(String key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    /** Adds a key or replaces its plan and balance. */
    public Account add(ApiKey key) {
        Account account = byKey.compute(key.key(), (k, existing) -> existing == null
                ? new Account(key, windowMillis) : existing);
        account.applyPlan(key.plan());
        account.setBalance(key.balance());
        return account;
    }

    public Collection<Account> all() {
        return byKey.values();
    }
}
