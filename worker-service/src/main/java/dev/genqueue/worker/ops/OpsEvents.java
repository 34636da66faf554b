package dev.genqueue.worker.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genqueue.common.contract.OpsEvent;
import dev.genqueue.common.contract.Topics;
import dev.genqueue.store.outbox.OutboxRecord;
import dev.genqueue.store.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;

/** Writes ops events through the outbox, in the transaction of the state change they announce. */
@ApplicationScoped
public class OpsEvents {

    private final OutboxWriter outbox;
    private final ObjectMapper mapper;

    OpsEvents(OutboxWriter outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /** Appends {@code event} (a repeated event id is ignored); requires a running transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(OpsEvent event) {
        try {
            outbox.append(new OutboxRecord(event.eventId(), Topics.OPS, event.kind(), mapper.writeValueAsString(event),
                    Map.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ops event always serialises", e);
        }
    }
}
