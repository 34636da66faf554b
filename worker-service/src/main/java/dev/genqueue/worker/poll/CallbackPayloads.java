package dev.genqueue.worker.poll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.worker.apixo.ApixoResponses;
import dev.genqueue.worker.apixo.StatusOutcome;
import java.util.Optional;

/**
 * Reads a stored callback body as a status answer, for deployments that trust callbacks without a status query:
 * only a terminal state of the job's own task counts; anything else means "ask APIXO".
 */
final class CallbackPayloads {

    private CallbackPayloads() {
    }

    /** The terminal outcome the callback reports for {@code taskId}, or empty. */
    static Optional<StatusOutcome> terminalOutcome(String payload, String taskId) {
        if (payload == null || taskId == null) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(payload);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (root == null || !taskId.equals(root.path("data").path("taskId").asText(null))) {
            return Optional.empty();
        }
        StatusOutcome outcome = ApixoResponses.status(200, payload, null);
        return outcome instanceof StatusOutcome.Succeeded || outcome instanceof StatusOutcome.Failed
                ? Optional.of(outcome) : Optional.empty();
    }
}
