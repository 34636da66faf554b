package dev.genqueue.worker.intake;

/**
 * A request record as it came off the topic, before any interpretation.
 *
 * @param key   the record key decoded as UTF-8 (lenient), or {@code null}
 * @param value the raw value bytes, or {@code null} for a tombstone
 */
public record SourceRecord(String topic, int partition, long offset, String key, byte[] value) {
}
