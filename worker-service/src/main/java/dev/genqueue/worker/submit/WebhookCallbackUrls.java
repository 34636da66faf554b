package dev.genqueue.worker.submit;

import dev.genqueue.store.callback.CallbackPaths;
import dev.genqueue.store.callback.CallbackTokens;
import dev.genqueue.worker.job.ClaimedJob;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Callback URLs under {@code genqueue.callback.public-base-url}, naming the job and the attempt: a fresh
 * unguessable token per submission, of which only the hash is stored; polling jobs get one too, so an orphaned
 * task can announce its id. Without a base URL callback-mode jobs are followed by polling (logged once,
 * and said in each job's history); a base URL that is not HTTPS (unless {@code allow-http}) or not a URL at all
 * stops the worker at start, since every callback would be lost.
 */
@Startup
@ApplicationScoped
public class WebhookCallbackUrls implements CallbackUrls {

    static final String NO_BASE_URL = "callback requested but genqueue.callback.public-base-url is not set; "
            + "followed by polling";

    private static final Logger LOG = Logger.getLogger(WebhookCallbackUrls.class);

    private final Optional<String> baseUrl;
    private final AtomicBoolean warned = new AtomicBoolean();

    @Inject
    WebhookCallbackUrls(CallbackConfig config) {
        this(config.publicBaseUrl(), config.allowHttp());
    }

    /** Checks {@code baseUrl} at once; throws when it can never work. */
    public WebhookCallbackUrls(Optional<String> baseUrl, boolean allowHttp) {
        this.baseUrl = baseUrl.map(String::strip).filter(url -> !url.isEmpty());
        this.baseUrl.ifPresent(url -> check(url, allowHttp));
    }

    @Override
    public CallbackPlan plan(ClaimedJob job, int attempt, boolean followed) {
        if (baseUrl.isEmpty()) {
            if (!followed) {
                return CallbackPlan.POLLING;
            }
            if (warned.compareAndSet(false, true)) {
                LOG.warn("callback-mode jobs are followed by polling: genqueue.callback.public-base-url is not set");
            }
            return CallbackPlan.pollingInstead(NO_BASE_URL);
        }
        String token = CallbackTokens.newToken();
        return new CallbackPlan(CallbackPaths.forAttempt(baseUrl.get(), job.id(), attempt, token),
                CallbackTokens.hash(token), null, followed);
    }

    private static void check(String url, boolean allowHttp) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("genqueue.callback.public-base-url is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new IllegalStateException("genqueue.callback.public-base-url must be an absolute https URL"
                    + (allowHttp ? " (or http)" : "; set genqueue.callback.allow-http=true for local runs only"));
        }
    }
}
