package dev.genqueue.worker.submit;

import dev.genqueue.worker.dispatch.ClaimedJob;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Until a webhook endpoint is configured, every job is followed by polling. */
@DefaultBean
@ApplicationScoped
public class NoCallbackUrls implements CallbackUrls {

    @Override
    public Optional<String> urlFor(ClaimedJob job) {
        return Optional.empty();
    }
}
