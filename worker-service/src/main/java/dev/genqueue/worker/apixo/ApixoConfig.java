package dev.genqueue.worker.apixo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Connection to the APIXO generation API ({@code genqueue.apixo.*}). */
@ConfigMapping(prefix = "genqueue.apixo")
public interface ApixoConfig {

    /** Base URL without the API path, e.g. {@code https://api.apixo.ai}; calls go to {@code /api/v1/...}. */
    @WithDefault("https://api.apixo.ai")
    String baseUrl();

    /**
     * Whether a plain {@code http} base URL is accepted: only for the simulator (dev and test profiles, the local
     * stack, the chaos suite, the benchmark). Otherwise the worker refuses to start with one, as the bearer key
     * would travel in clear text.
     */
    @WithDefault("false")
    boolean allowHttp();

    /** Bearer key, from {@code APIXO_API_KEY} only; never logged, stored or echoed. */
    Optional<String> apiKey();

    /** Time to establish a connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Time to wait for an answer once the request is sent; a submit that exceeds it has an unknown outcome. */
    @WithDefault("30s")
    Duration readTimeout();

    /** Most pooled keep-alive connections to APIXO. */
    @WithDefault("64")
    int poolSize();

    /** How long an idle pooled connection is kept open. */
    @WithDefault("60s")
    Duration connectionTtl();
}
