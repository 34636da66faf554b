package dev.genqueue.api.job.query;

import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.job.JobEntity;
import dev.genqueue.store.job.JobOutputEntity;
import dev.genqueue.store.job.JobTransitionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/** Reads jobs for the API; never writes. */
@ApplicationScoped
public class JobQueries {

    /** The job with its history and outputs. */
    @Transactional
    public Optional<JobView> find(UUID jobId) {
        return JobEntity.findJob(jobId).map(JobQueries::view);
    }

    /** The job created for an idempotency key of a tenant. */
    @Transactional
    public Optional<JobView> findByRequest(String tenantId, String requestId) {
        return JobEntity.<JobEntity>find("tenantId = ?1 and requestId = ?2", tenantId, requestId)
                .firstResultOptional()
                .map(JobQueries::view);
    }

    /** Only the current state, for answers that need no more. */
    @Transactional
    public Optional<JobStatus> status(UUID jobId) {
        return JobEntity.findJob(jobId).map(job -> job.status);
    }

    private static JobView view(JobEntity job) {
        return JobView.of(job, JobTransitionEntity.historyOf(job.id), JobOutputEntity.outputsOf(job.id));
    }
}
