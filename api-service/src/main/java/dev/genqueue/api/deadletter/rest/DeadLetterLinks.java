package dev.genqueue.api.deadletter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.genqueue.api.job.query.JobLinks;
import java.util.UUID;

/**
 * Where to go from a dead letter.
 *
 * @param self         the record
 * @param redrive      where to {@code POST} to redrive it
 * @param job          the exhausted job of a {@code job} dead letter
 * @param redrivenJob  the job it was redriven into
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterLinks(String self, String redrive, String job, String redrivenJob) {

    /** The path of a dead letter's resource. */
    public static String pathOf(UUID id) {
        return "/v1/dead-letters/" + id;
    }

    static DeadLetterLinks of(UUID id, UUID jobId, UUID redrivenJobId) {
        return new DeadLetterLinks(pathOf(id), pathOf(id) + "/redrive",
                jobId == null ? null : JobLinks.pathOf(jobId),
                redrivenJobId == null ? null : JobLinks.pathOf(redrivenJobId));
    }
}
