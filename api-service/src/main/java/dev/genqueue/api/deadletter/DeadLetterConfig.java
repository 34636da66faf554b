package dev.genqueue.api.deadletter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of dead-letter inspection and redrive. */
@ConfigMapping(prefix = "genqueue.dead-letter")
public interface DeadLetterConfig {

    /** Items per page of {@code GET /v1/dead-letters} when the client asks for no limit. */
    @WithDefault("50")
    int defaultPageSize();

    /** Largest page a client may ask for. */
    @WithDefault("500")
    int maxPageSize();

    /** Payloads longer than this (characters) are listed as a preview of this length; the record shows all. */
    @WithDefault("2048")
    int previewChars();

    /** How often the dead-letter gauges are refreshed from the database. */
    @WithDefault("30s")
    Duration metricsRefresh();
}
