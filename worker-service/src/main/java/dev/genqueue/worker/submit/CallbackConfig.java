package dev.genqueue.worker.submit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where APIXO reaches genqueue's webhook ({@code genqueue.callback.*}, shared with the api-service). */
@ConfigMapping(prefix = "genqueue.callback")
public interface CallbackConfig {

    /**
     * The public root URL of the api-service's webhook (e.g. {@code https://hooks.example.com}); unset means
     * callback-mode jobs are followed by polling.
     */
    Optional<String> publicBaseUrl();

    /** Accept an {@code http://} base URL (local runs and tests only; APIXO requires HTTPS). */
    @WithDefault("false")
    boolean allowHttp();
}
