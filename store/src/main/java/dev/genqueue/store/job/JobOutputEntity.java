package dev.genqueue.store.job;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One stored output file of a job. */
@Entity
@Table(name = "job_output")
public class JobOutputEntity extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "original_url", nullable = false)
    public String originalUrl;

    @Column(nullable = false)
    public String location;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "stored_at", nullable = false)
    public Instant storedAt;

    /** The outputs of a job in result order. */
    public static List<JobOutputEntity> outputsOf(UUID jobId) {
        return list("key.jobId = ?1 order by key.index", jobId);
    }

    /** Job id and position of the output in APIXO's result list. */
    @Embeddable
    public record Key(@Column(name = "job_id") UUID jobId, @Column(name = "idx") int index) implements Serializable {
    }
}
