package dev.genqueue.worker.intake;

import dev.genqueue.store.sql.SqlStates;
import dev.genqueue.worker.dispatch.Dispatcher;
import dev.genqueue.worker.metrics.WorkerMetrics;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The Kafka door: consumes the request topic in batches as the {@code genqueue-worker} group. Each batch is
 * written in one transaction (jobs and dead letters) and acknowledged only when this method returns, i.e.
 * after the commit; redelivered records are harmless (jobs are idempotent, dead letters unique per offset).
 *
 * <p>No record can stall the partition: a batch the store refuses is written record by record, a record whose
 * job or dead letter is refused gets a dead letter saying so, and one whose dead letter is refused a minimal
 * one (coordinates, base64 bytes, an ASCII reason). Only an unreachable store makes the door wait, and it
 * resumes by itself when the store answers again ({@link StorageWait}). A write that fails while the service
 * is stopping says nothing about the record: the batch is then left unacknowledged, to be read again.
 */
@ApplicationScoped
public class RequestConsumer {

    /** The incoming channel, configured in application.properties. */
    public static final String CHANNEL = "requests";

    private static final Logger LOG = Logger.getLogger(RequestConsumer.class);

    private final IntakeWriter writer;
    private final DeadLetters deadLetters;
    private final StorageWait storage;
    private final Dispatcher dispatcher;
    private final WorkerMetrics metrics;

    RequestConsumer(IntakeWriter writer, DeadLetters deadLetters, StorageWait storage, Dispatcher dispatcher,
            WorkerMetrics metrics) {
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.storage = storage;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<byte[], byte[]> records) {
        List<Triaged> triaged = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            triaged.add(RecordTriage.triage(source(record)));
        }
        IntakeSummary summary = storage.untilStored(() -> store(triaged));
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

    private static SourceRecord source(ConsumerRecord<byte[], byte[]> record) {
        List<SourceRecord.Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new SourceRecord.Header(header.key(), header.value()));
        }
        return new SourceRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                headers);
    }

    private IntakeSummary store(List<Triaged> triaged) {
        try {
            return writer.write(triaged);
        } catch (RuntimeException e) {
            if (!storage.saysSomethingAboutTheData(e)) {
                throw e;
            }
            LOG.warnf("intake: the store refused a batch of %d (%s); writing its records one by one", triaged.size(),
                    describe(e));
        }
        IntakeSummary total = IntakeSummary.NONE;
        for (Triaged record : triaged) {
            total = total.plus(storage.untilStored(() -> storeOne(record)));
        }
        return total;
    }

    private IntakeSummary storeOne(Triaged record) {
        String refusal;
        try {
            return writer.write(List.of(record));
        } catch (RuntimeException e) {
            if (!storage.saysSomethingAboutTheData(e)) {
                throw e;
            }
            refusal = "refused by the job store (" + describe(e) + ")";
        }
        String reason = record instanceof Triaged.Invalid invalid ? invalid.reason() + "; " + refusal : refusal;
        try {
            return writer.write(List.of(new Triaged.Invalid(record.source(), reason)));
        } catch (RuntimeException e) {
            if (!storage.saysSomethingAboutTheData(e)) {
                throw e;
            }
        }
        try {
            boolean written = deadLetters.recordMinimal(record.source(), reason);
            LOG.warnf("intake: record %s/%d/%d stored as a minimal dead letter (%s)", record.source().topic(),
                    record.source().partition(), record.source().offset(), refusal);
            return new IntakeSummary(0, 0, written ? 1 : 0);
        } catch (RuntimeException e) {
            if (!storage.saysSomethingAboutTheData(e)) {
                throw e;
            }
            // nothing of this record can be stored: it is skipped rather than retried for ever
            LOG.errorf("intake: record %s/%d/%d skipped, not even a minimal dead letter could be stored (%s)",
                    record.source().topic(), record.source().partition(), record.source().offset(), describe(e));
            metrics.intake("skipped", 1);
            return IntakeSummary.NONE;
        }
    }

    private static String describe(RuntimeException e) {
        String state = SqlStates.of(e);
        return state != null ? "SQL state " + state : e.getClass().getSimpleName();
    }
}
