package dev.genqueue.store.deadletter;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.validation.RequestValidator;
import dev.genqueue.common.validation.ValidationResult;
import dev.genqueue.store.intake.IntakeOutcome;
import java.util.Locale;
import java.util.UUID;

/**
 * Decides, for one locked dead letter, which request a redrive submits, or why it submits none. Pure: the
 * same rules as both intake doors ({@link RequestValidator}), no I/O.
 */
final class RedrivePlanner {

    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RedrivePlanner() {
    }

    /**
     * The plan for {@code candidate} ({@code null} when {@code id} is unknown), with the operator's
     * replacement payload {@code fix} (or {@code null}) and, for a job dead letter, its original job.
     */
    static RedrivePlan plan(UUID id, RedriveCandidate candidate, ObjectNode fix, OriginalJob job) {
        if (candidate == null) {
            return new RedrivePlan.Answer(RedriveResult.notFound(id), false, null);
        }
        if (candidate.redriven()) {
            return repeat(candidate, fix);
        }
        String newPayload = fix == null ? null : fix.toString();
        if (candidate.kind() == null) {
            return answer(candidate, RedriveOutcome.CONFLICT, null,
                    "dead letters of kind \"" + candidate.kindName() + "\" cannot be redriven", false, null);
        }
        JsonNode body;
        if (candidate.kind() == DeadLetterKind.INTAKE) {
            Parsed parsed = fix != null ? new Parsed(fix, null) : parse(candidate.payload());
            if (parsed.node() == null) {
                return answer(candidate, RedriveOutcome.STILL_INVALID, null, parsed.problem(), true, null);
            }
            body = parsed.node();
        } else {
            if (job == null) {
                return answer(candidate, RedriveOutcome.CONFLICT, null, "the exhausted job no longer exists", true,
                        newPayload);
            }
            if (!job.status().isTerminal()) {
                return answer(candidate, RedriveOutcome.CONFLICT, job.id(),
                        "job " + job.id() + " is still " + job.status().wireName(), true, newPayload);
            }
            body = retryOf(job, fix);
        }
        ValidationResult result = RequestValidator.validate(body);
        if (!result.isValid()) {
            return answer(candidate, RedriveOutcome.STILL_INVALID, null, result.summary(), true, newPayload);
        }
        return new RedrivePlan.Accept(candidate, result.request(), newPayload);
    }

    /** The result of an accepted plan, from what intake did with its request. */
    static RedriveResult resultOf(RedrivePlan.Accept plan, IntakeOutcome outcome) {
        RedriveCandidate candidate = plan.candidate();
        if (outcome instanceof IntakeOutcome.Created) {
            return new RedriveResult(candidate.id(), candidate.kind(), RedriveOutcome.CREATED, outcome.jobId(), null);
        }
        if (outcome instanceof IntakeOutcome.Duplicate) {
            return new RedriveResult(candidate.id(), candidate.kind(), RedriveOutcome.DUPLICATE, outcome.jobId(),
                    null);
        }
        return new RedriveResult(candidate.id(), candidate.kind(), RedriveOutcome.CONFLICT, outcome.jobId(),
                "requestId \"" + plan.request().requestId() + "\" of tenant \"" + plan.request().tenantId()
                        + "\" already belongs to job " + outcome.jobId() + ", created from a different request");
    }

    // a repeat answers with the job it became; changing a record that already became a job is refused
    private static RedrivePlan repeat(RedriveCandidate candidate, ObjectNode fix) {
        if (fix != null && !fix.equals(parse(candidate.payload()).node())) {
            return answer(candidate, RedriveOutcome.CONFLICT, candidate.redrivenJobId(), "already redriven into job "
                    + candidate.redrivenJobId() + "; a redriven record's payload cannot be replaced", false, null);
        }
        return answer(candidate, RedriveOutcome.DUPLICATE, candidate.redrivenJobId(), null, false, null);
    }

    // the exhausted job's request (or the operator's replacement), under the next redrive request id
    private static ObjectNode retryOf(OriginalJob job, ObjectNode fix) {
        ObjectNode body = fix != null ? fix.deepCopy() : Json.mapper().createObjectNode();
        if (fix == null) {
            if (job.projectId() != null) {
                body.put("projectId", job.projectId());
            }
            body.put("model", job.model());
            body.set("input", readTree(job.input()));
            if (job.delivery() != null) {
                body.put("delivery", job.delivery().toLowerCase(Locale.ROOT));
            }
        }
        body.put("requestId", RedriveRequestIds.next(job.requestId()));
        body.put("tenantId", job.tenantId());
        return body;
    }

    private static RedrivePlan answer(RedriveCandidate candidate, RedriveOutcome outcome, UUID jobId, String reason,
            boolean attempted, String newPayload) {
        return new RedrivePlan.Answer(new RedriveResult(candidate.id(), candidate.kind(), outcome, jobId, reason),
                attempted, newPayload);
    }

    private static Parsed parse(String payload) {
        if (payload == null || payload.isBlank()) {
            return new Parsed(null, "payload is empty");
        }
        try {
            JsonNode node = STRICT.readTree(payload);
            return node == null || node.isMissingNode() ? new Parsed(null, "payload is empty") : new Parsed(node, null);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return new Parsed(null, "payload is not valid JSON" + (at == null || at.getLineNr() < 1 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job.input is jsonb and always parses", e);
        }
    }

    /** A payload's JSON tree, or the problem that prevents one. */
    private record Parsed(JsonNode node, String problem) {
    }
}
