package dev.genqueue.worker.intake;

import dev.genqueue.store.sql.SqlStates;
import dev.genqueue.worker.dispatch.Dispatcher;
import dev.genqueue.worker.metrics.WorkerMetrics;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The Kafka door: consumes the request topic in batches as the {@code genqueue-worker} group. Each batch is
 * written in one transaction (jobs and dead letters) and acknowledged only when this method returns, i.e.
 * after the commit; redelivered records are harmless (jobs are idempotent, dead letters unique per offset).
 * A record the store itself refuses is isolated and dead-lettered, so no record can stall the partition.
 */
@ApplicationScoped
public class RequestConsumer {

    /** The incoming channel, configured in application.properties. */
    public static final String CHANNEL = "requests";

    private static final Logger LOG = Logger.getLogger(RequestConsumer.class);

    private final IntakeWriter writer;
    private final Dispatcher dispatcher;
    private final WorkerMetrics metrics;

    RequestConsumer(IntakeWriter writer, Dispatcher dispatcher, WorkerMetrics metrics) {
        this.writer = writer;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    // a database outage is waited out (about five minutes) before the channel fails and health turns DOWN
    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = 60, delay = 500, jitter = 200, maxDuration = 300_000)
    @ExponentialBackoff(factor = 2, maxDelay = 15_000)
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<Triaged> triaged = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            triaged.add(RecordTriage.triage(new SourceRecord(record.topic(), record.partition(), record.offset(),
                    record.key(), record.value())));
        }
        IntakeSummary summary = store(triaged);
        metrics.intake("created", summary.created());
        metrics.intake("duplicate", summary.duplicates());
        metrics.intake("dead_letter", summary.deadLettered());
        if (summary.deadLettered() > 0) {
            LOG.infof("intake: %d records dead-lettered of %d", summary.deadLettered(), triaged.size());
        }
        if (summary.created() > 0) {
            dispatcher.wakeUp();
        }
    }

    private IntakeSummary store(List<Triaged> triaged) {
        try {
            return writer.write(triaged);
        } catch (RuntimeException e) {
            if (!SqlStates.refusedData(e) || triaged.size() == 1 && triaged.get(0) instanceof Triaged.Invalid) {
                throw e;
            }
            LOG.warnf("intake: the store refused a batch of %d (%s); writing its records one by one", triaged.size(),
                    SqlStates.of(e));
        }
        IntakeSummary total = IntakeSummary.NONE;
        for (Triaged record : triaged) {
            try {
                total = total.plus(writer.write(List.of(record)));
            } catch (RuntimeException e) {
                if (!SqlStates.refusedData(e)) {
                    throw e;
                }
                total = total.plus(writer.write(List.of(new Triaged.Invalid(record.source(),
                        "refused by the job store (SQL state " + SqlStates.of(e) + ")"))));
            }
        }
        return total;
    }
}
