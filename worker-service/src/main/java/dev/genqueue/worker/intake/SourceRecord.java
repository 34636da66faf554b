package dev.genqueue.worker.intake;

import dev.genqueue.common.validation.Text;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request record as it came off the topic, before any interpretation: every part as raw bytes.
 *
 * @param key     the raw key bytes, or {@code null}
 * @param value   the raw value bytes, or {@code null} for a tombstone
 * @param headers the record's headers in order (values may be {@code null})
 */
public record SourceRecord(String topic, int partition, long offset, byte[] key, byte[] value,
        List<Header> headers) {

    public SourceRecord {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A record without headers whose key is text. */
    public SourceRecord(String topic, int partition, long offset, String key, byte[] value) {
        this(topic, partition, offset, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, List.of());
    }

    /** The key when it is strict UTF-8, or {@code null}. */
    public String keyText() {
        return key == null ? null : Text.utf8(key);
    }

    /** One record header. */
    public record Header(String name, byte[] value) {
    }
}
