package dev.genqueue.api.callback;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the APIXO webhook endpoint. */
@ConfigMapping(prefix = "genqueue.callback")
public interface CallbackConfig {

    /** Largest callback body read and stored; a larger one is answered 200 and ignored. */
    @WithDefault("64K")
    MemorySize maxBodySize();
}
