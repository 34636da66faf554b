package dev.genqueue.api.deadletter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.genqueue.api.job.query.JobLinks;
import dev.genqueue.store.deadletter.RedriveResult;
import java.util.UUID;

/**
 * What a redrive did with one dead letter.
 *
 * @param id      the dead letter
 * @param outcome {@code created}, {@code duplicate} (it already is that job), {@code still-invalid},
 *                {@code conflict} or {@code not-found}
 * @param jobId   the job it now stands for, or the job it conflicts with
 * @param reason  why it was not redriven
 * @param job     the path of {@code jobId}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RedriveItem(UUID id, String outcome, UUID jobId, String reason, String job) {

    static RedriveItem of(RedriveResult result) {
        return new RedriveItem(result.id(), result.outcome().wireName(), result.jobId(), result.reason(),
                result.jobId() == null ? null : JobLinks.pathOf(result.jobId()));
    }
}
