package dev.genqueue.api.job.query;

import java.util.UUID;

/**
 * Where to find a job.
 *
 * @param self the job's resource path
 */
public record JobLinks(String self) {

    /** The path of a job's resource, also the {@code Location} of an accepted request. */
    public static String pathOf(UUID jobId) {
        return "/v1/jobs/" + jobId;
    }

    public static JobLinks of(UUID jobId) {
        return new JobLinks(pathOf(jobId));
    }
}
