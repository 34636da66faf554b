package dev.genqueue.worker.job;

import java.time.Instant;

/**
 * What became of a {@link JobWrite}.
 *
 * @param applied false when the fencing check failed: another owner (or a later write) changed the row
 * @param at      the database time of the transaction that tried it
 */
public record WriteResult(boolean applied, Instant at) {
}
