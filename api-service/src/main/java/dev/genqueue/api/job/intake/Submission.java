package dev.genqueue.api.job.intake;

import dev.genqueue.store.intake.IntakeOutcome;

/**
 * What the REST door did with one accepted-for-processing body.
 *
 * @param outcome      created, duplicate or conflict, with the job id
 * @param tenantId     the request's tenant
 * @param requestId    the effective idempotency key
 * @param keyGenerated true when the client sent no key and genqueue generated one
 */
public record Submission(IntakeOutcome outcome, String tenantId, String requestId, boolean keyGenerated) {
}
