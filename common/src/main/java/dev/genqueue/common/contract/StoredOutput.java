package dev.genqueue.common.contract;

/**
 * One output file of a job, copied from APIXO's expiring URL into genqueue's storage.
 *
 * @param originalUrl the APIXO result URL it was downloaded from
 * @param location    where genqueue stored it (a URI of the configured storage)
 * @param sizeBytes   number of bytes stored
 * @param sha256      lower-case hex SHA-256 of the stored bytes
 * @param contentType the content type APIXO served it with
 */
public record StoredOutput(String originalUrl, String location, long sizeBytes, String sha256, String contentType) {
}
