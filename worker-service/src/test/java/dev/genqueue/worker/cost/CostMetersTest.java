package dev.genqueue.worker.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.common.job.JobStatus;
import dev.genqueue.worker.metrics.BoundedTagValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CostMetersTest {

    private static final int TENANTS = 5_000;

    @Test
    void thousandsOfDistinctTenantsDoNotCreateThousandsOfMeters() throws Exception {
        int limit = Integer.parseInt(CostConfig.class.getMethod("maxTenantTags").getAnnotation(WithDefault.class).value());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CostMeters meters = new CostMeters(registry, limit);

        for (int i = 0; i < TENANTS; i++) {
            meters.add("nano-banana", "tenant-" + i, JobStatus.SUCCEEDED, new BigDecimal("0.03"));
        }
        // a known tenant keeps its own meter after the limit was reached
        meters.add("nano-banana", "tenant-0", JobStatus.SUCCEEDED, new BigDecimal("0.03"));

        var counters = registry.find("genqueue.worker.cost.usd").counters();
        Set<String> tenants = counters.stream().map(counter -> counter.getId().getTag("tenant"))
                .collect(Collectors.toSet());
        assertThat(counters).hasSize(limit + 1);
        assertThat(tenants).hasSize(limit + 1).contains("tenant-0", "tenant-" + (limit - 1), BoundedTagValues.OTHER)
                .doesNotContain("tenant-" + limit);
        assertThat(registry.get("genqueue.worker.cost.usd").tag("tenant", "tenant-0").counter().count())
                .isCloseTo(0.06, Offset.offset(1e-9));
        // nothing is lost: the tenants past the limit are all counted under "other"
        assertThat(registry.get("genqueue.worker.cost.usd").tag("tenant", BoundedTagValues.OTHER).counter().count())
                .isCloseTo((TENANTS - limit) * 0.03, Offset.offset(1e-6));
        assertThat(counters.stream().mapToDouble(Counter::count).sum()).isCloseTo((TENANTS + 1) * 0.03,
                Offset.offset(1e-6));
    }
}
