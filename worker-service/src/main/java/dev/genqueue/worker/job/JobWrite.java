package dev.genqueue.worker.job;

import dev.genqueue.common.contract.StoredOutput;
import dev.genqueue.store.outbox.OutboxRecord;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Everything one state change commits at once: the fenced update, the outputs it records, the events it
 * announces and, for a job that exhausted its retries, its dead letter. Nothing but the update is written when
 * the fencing check fails.
 *
 * @param update     the fenced row update (and its transition)
 * @param outputs    stored files, inserted as {@code job_output} rows in list order (index = position)
 * @param events     outbox records, built from the transaction's {@code now()} so event times match the row
 * @param deadLetter the job's dead letter, or {@code null}
 */
public record JobWrite(JobUpdate update, List<StoredOutput> outputs, Function<Instant, List<OutboxRecord>> events,
        JobDeadLetter deadLetter) {

    public JobWrite {
        outputs = List.copyOf(outputs);
    }

    /** A write without a dead letter. */
    public JobWrite(JobUpdate update, List<StoredOutput> outputs, Function<Instant, List<OutboxRecord>> events) {
        this(update, outputs, events, null);
    }

    /** A write with no outputs and no events. */
    public static JobWrite of(JobUpdate update) {
        return new JobWrite(update, List.of(), now -> List.of());
    }
}
