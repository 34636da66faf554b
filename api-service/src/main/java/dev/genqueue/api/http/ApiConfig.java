package dev.genqueue.api.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the HTTP API. */
@ConfigMapping(prefix = "genqueue.api")
public interface ApiConfig {

    /** Largest accepted request body; larger bodies get a 413 problem before anything is parsed. */
    @WithDefault("256K")
    MemorySize maxBodySize();
}
