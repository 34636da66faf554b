package dev.genqueue.worker.cost;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** Cost tracking ({@code genqueue.worker.cost.*}). */
@ConfigMapping(prefix = "genqueue.worker.cost")
public interface CostConfig {

    /** Estimated USD spent since midnight UTC (all workers) above which an alert is raised; unset = no alert. */
    Optional<BigDecimal> dailyAlertUsd();

    /** How often the day's total is summed and compared with the threshold. */
    @WithDefault("1m")
    Duration checkInterval();

    /**
     * Most distinct tenant ids that get a {@code tenant} tag of their own on {@code genqueue.worker.cost.usd};
     * the cost of every further tenant is counted under {@code tenant="other"} (the job table keeps the exact
     * figures per tenant).
     */
    @WithDefault("100")
    int maxTenantTags();
}
