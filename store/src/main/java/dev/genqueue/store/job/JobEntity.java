package dev.genqueue.store.job;

import dev.genqueue.common.job.JobStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A job row. Scheduling columns are written by the worker's fenced SQL, never through this entity. */
@Entity
@Table(name = "job")
public class JobEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    @Column(name = "request_fingerprint", nullable = false)
    public String requestFingerprint;

    @Column(name = "project_id")
    public String projectId;

    @Column(nullable = false)
    public String model;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String input;

    public String delivery;

    @Column(nullable = false)
    public String source;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobStatus status;

    public int attempts;

    @Column(name = "apixo_task_id")
    public String apixoTaskId;

    public int polls;

    @Column(name = "next_run_at")
    public Instant nextRunAt;

    @Column(name = "lease_owner")
    public String leaseOwner;

    public long version;

    @Column(name = "deadline_at")
    public Instant deadlineAt;

    @Column(name = "callback_received_at")
    public Instant callbackReceivedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "result_urls")
    public String resultUrls;

    @Column(name = "fail_code")
    public String failCode;

    @Column(name = "fail_msg")
    public String failMsg;

    @Column(name = "cost_usd")
    public BigDecimal costUsd;

    @Column(name = "accepted_at", nullable = false)
    public Instant acceptedAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "apixo_completed_at")
    public Instant apixoCompletedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<JobEntity> findJob(UUID id) {
        return findByIdOptional(id);
    }
}
