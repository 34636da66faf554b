package dev.genqueue.worker.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Sends requests onto the request topic and finds the jobs they became. */
public final class Jobs {

    private Jobs() {
    }

    /** Sends one request and answers its job's id once the job exists. */
    public static UUID send(JobStoreQueries store, String tenant, String requestId, String model, String prompt,
            String delivery) {
        KafkaTopics.sendRequests(List.of(KafkaTopics.request(requestId,
                Requests.json(requestId, tenant, model, prompt, delivery))));
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> store.jobByRequest(tenant, requestId).orElse(null), job -> job != null).id();
    }
}
