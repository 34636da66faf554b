package dev.genqueue.worker.dispatch;

import dev.genqueue.worker.breaker.ApixoBreaker;
import dev.genqueue.worker.pause.AccountPause;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides what the next claim may include: no submissions while the account is paused, no APIXO calls while
 * the circuit breaker is open (one probe when it half-opens). The fleet quota is applied inside the claim.
 */
@ApplicationScoped
public class ClaimPolicy {

    private final AccountPause pause;
    private final ApixoBreaker breaker;

    ClaimPolicy(AccountPause pause, ApixoBreaker breaker) {
        this.pause = pause;
        this.breaker = breaker;
    }

    /** The budget of a claim of at most {@code limit} jobs. */
    public ClaimBudget next(int limit) {
        int calls = breaker.permits(limit);
        return new ClaimBudget(!pause.isPaused(), calls == limit ? Integer.MAX_VALUE : calls);
    }

    /** Hands back what a claim granted by {@code budget} did not use. */
    public void claimed(ClaimBudget budget, int apiCallsUsed) {
        if (budget.apiCalls() != Integer.MAX_VALUE) {
            breaker.unused(budget.apiCalls() - apiCallsUsed);
        }
    }
}
