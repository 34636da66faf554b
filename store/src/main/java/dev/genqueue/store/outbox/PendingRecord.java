package dev.genqueue.store.outbox;

import java.util.Map;
import java.util.UUID;

/**
 * An outbox row claimed by the relay.
 *
 * @param id      row id (publication order)
 * @param eventId stable event id, sent as the {@code genqueue-event-id} header
 * @param topic   destination topic
 * @param key     record key, may be {@code null}
 * @param payload record value
 * @param headers extra headers stored with the row
 */
record PendingRecord(long id, UUID eventId, String topic, String key, String payload, Map<String, String> headers) {
}
