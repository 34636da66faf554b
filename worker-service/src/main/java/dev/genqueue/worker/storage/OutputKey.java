package dev.genqueue.worker.storage;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names one output: {@code <tenant>/<jobId>/<index>.<extension>}.
 *
 * @param extension lower-case letters and digits, at most 8
 */
public record OutputKey(String tenantId, UUID jobId, int index, String extension) {

    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,8}");

    public OutputKey {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(jobId, "jobId");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0");
        }
        if (extension == null || !EXTENSION.matcher(extension).matches()) {
            throw new IllegalArgumentException("extension must be 1-8 lower-case letters or digits");
        }
    }
}
