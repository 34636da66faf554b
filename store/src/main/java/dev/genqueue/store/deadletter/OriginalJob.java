package dev.genqueue.store.deadletter;

import dev.genqueue.common.job.JobStatus;
import java.util.UUID;

/** The request of an exhausted job, as needed to submit it again. */
record OriginalJob(UUID id, JobStatus status, String tenantId, String requestId, String projectId, String model,
        String input, String delivery) {
}
