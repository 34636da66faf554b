package dev.genqueue.worker.storage;

/**
 * A stored output.
 *
 * @param location  URI of the stored copy
 * @param sizeBytes bytes stored
 * @param sha256    lower-case hex SHA-256 of the stored bytes
 */
public record StoredObject(String location, long sizeBytes, String sha256) {
}
