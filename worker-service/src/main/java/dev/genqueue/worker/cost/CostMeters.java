package dev.genqueue.worker.cost;

import dev.genqueue.common.job.JobStatus;
import dev.genqueue.worker.metrics.BoundedTagValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;

/**
 * {@code genqueue.worker.cost.usd{model, tenant, status}}: the tenant tag is bounded, as tenant ids are chosen
 * by clients; past {@code maxTenantTags} distinct tenants the cost is counted under {@code tenant="other"}.
 */
final class CostMeters {

    private final MeterRegistry registry;
    private final BoundedTagValues tenants;

    CostMeters(MeterRegistry registry, int maxTenantTags) {
        this.registry = registry;
        this.tenants = new BoundedTagValues(maxTenantTags);
    }

    /** Adds the cost of one finished job (the model is one of the catalogue's, so it bounds itself). */
    void add(String model, String tenantId, JobStatus status, BigDecimal cost) {
        Counter.builder("genqueue.worker.cost.usd").description("Estimated APIXO cost of finished jobs")
                .baseUnit("usd").tag("model", model).tag("tenant", tenants.of(tenantId))
                .tag("status", status.wireName()).register(registry).increment(cost.doubleValue());
    }
}
