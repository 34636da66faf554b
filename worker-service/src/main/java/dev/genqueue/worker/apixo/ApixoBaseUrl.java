package dev.genqueue.worker.apixo;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Locale;

/**
 * Refuses to start with an APIXO base URL the bearer key must not be sent to: anything but an absolute
 * {@code https} URL, unless {@code genqueue.apixo.allow-http} (dev and test profiles, or set explicitly for the
 * simulator) also admits {@code http}. The message names the setting, never the key.
 */
@ApplicationScoped
public class ApixoBaseUrl {

    void onStart(@Observes StartupEvent event, ApixoConfig config) {
        check(config.baseUrl(), config.allowHttp());
    }

    /** The base URL when it may be used; throws {@link IllegalStateException} naming what is wrong otherwise. */
    public static URI check(String baseUrl, boolean allowHttp) {
        URI uri;
        try {
            uri = URI.create(baseUrl == null ? "" : baseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("genqueue.apixo.base-url (APIXO_BASE_URL) is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean https = scheme.equals("https");
        boolean http = scheme.equals("http");
        if (uri.getHost() == null || !(https || http)) {
            throw new IllegalStateException("genqueue.apixo.base-url (APIXO_BASE_URL) must be an absolute https URL");
        }
        if (http && !allowHttp) {
            throw new IllegalStateException("genqueue.apixo.base-url (APIXO_BASE_URL) must be https: the APIXO key "
                    + "would be sent in clear text; set genqueue.apixo.allow-http=true (GENQUEUE_APIXO_ALLOW_HTTP) "
                    + "only for a local simulator");
        }
        return uri;
    }
}
