package dev.genqueue.store.job;

import dev.genqueue.common.job.JobStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One state change of a job, in the order it happened. */
@Entity
@Table(name = "job_transition")
public class JobTransitionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public JobStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    public JobStatus toStatus;

    @Column(nullable = false)
    public Instant at;

    public int attempt;

    @Column(name = "apixo_task_id")
    public String apixoTaskId;

    public String reason;

    /** The history of a job, oldest first. */
    public static List<JobTransitionEntity> historyOf(UUID jobId) {
        return list("jobId = ?1 order by id", jobId);
    }
}
