package dev.genqueue.worker.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.store.callback.CallbackHint;
import dev.genqueue.store.callback.CallbackHints;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Makes the test receiver do what the api-service's webhook does: record each delivery as a hint through the
 * store's {@link CallbackHints}, the same SQL, so jobs are made due and workers notified exactly as in production.
 */
@ApplicationScoped
public class CallbackReceiverWiring {

    private final CallbackHints hints;

    CallbackReceiverWiring(CallbackHints hints) {
        this.hints = hints;
    }

    void onStart(@Observes StartupEvent event) {
        CallbackReceiver.handle((path, delivery) -> {
            try {
                JsonNode data = Json.mapper().readTree(delivery.body()).path("data");
                hints.record(new CallbackHint(delivery.jobId(), delivery.token(), delivery.body(),
                        data.path("taskId").asText(null), data.path("state").asText(null), delivery.attempt()));
                return 200;
            } catch (Exception e) {
                return 500;
            }
        });
    }
}
