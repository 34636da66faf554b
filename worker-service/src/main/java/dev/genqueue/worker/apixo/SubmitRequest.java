package dev.genqueue.worker.apixo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * One task to create.
 *
 * @param jobId       the genqueue job, for logs only
 * @param model       APIXO model id (path segment)
 * @param input       the model's {@code input} object, passed through unchanged
 * @param callbackUrl where APIXO should post the result; {@code null} submits in polling ({@code async}) mode
 */
public record SubmitRequest(UUID jobId, String model, ObjectNode input, String callbackUrl) {

    /** A polling-mode submission. */
    public static SubmitRequest polling(UUID jobId, String model, ObjectNode input) {
        return new SubmitRequest(jobId, model, input, null);
    }
}
