package dev.genqueue.worker.apixo;

import java.math.BigDecimal;

/** What the balance endpoint said about the account, as a value. */
public sealed interface BalanceOutcome {

    /** Short name for metrics and logs. */
    String label();

    /** The key is accepted; {@code usd} is the remaining balance. */
    record Balance(BigDecimal usd) implements BalanceOutcome {
        @Override
        public String label() {
            return "balance";
        }
    }

    /** The key is rejected (401) or the account blocked (402). */
    record AccountProblem(int httpStatus, String message) implements BalanceOutcome {
        @Override
        public String label() {
            return "account_problem";
        }
    }

    /** Nothing learned this time (429, 5xx, network, an unreadable answer). */
    record Unknown(String reason) implements BalanceOutcome {
        @Override
        public String label() {
            return "unknown";
        }
    }
}
