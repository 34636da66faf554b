package dev.genqueue.store.outbox;

import java.util.Map;
import java.util.UUID;

/**
 * A Kafka record to publish once the surrounding transaction commits.
 *
 * @param eventId stable id; sent as the {@code genqueue-event-id} header so consumers drop repeats
 * @param topic   destination topic
 * @param key     record key, may be {@code null}
 * @param payload record value (UTF-8 JSON)
 * @param headers extra headers
 */
public record OutboxRecord(UUID eventId, String topic, String key, String payload, Map<String, String> headers) {

    public OutboxRecord {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static OutboxRecord of(String topic, String key, String payload) {
        return new OutboxRecord(UUID.randomUUID(), topic, key, payload, Map.of());
    }
}
