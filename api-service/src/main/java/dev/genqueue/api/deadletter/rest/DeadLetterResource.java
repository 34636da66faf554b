package dev.genqueue.api.deadletter.rest;

import dev.genqueue.api.deadletter.DeadLetterConfig;
import dev.genqueue.api.problem.Problem;
import dev.genqueue.api.problem.ProblemException;
import dev.genqueue.api.problem.ProblemType;
import dev.genqueue.api.problem.RequestFields;
import dev.genqueue.store.deadletter.DeadLetterPage;
import dev.genqueue.store.deadletter.DeadLetterQueries;
import dev.genqueue.store.deadletter.DeadLetterRedrive;
import dev.genqueue.store.deadletter.RedriveBatch;
import dev.genqueue.store.deadletter.RedriveOutcome;
import dev.genqueue.store.deadletter.RedriveResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dead letters: inspect the records and jobs genqueue could not complete, and redrive them. */
@Path(ListQuery.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters", description = "Inspect intake records and jobs that failed for good, and redrive them")
public class DeadLetterResource {

    private final DeadLetterQueries queries;
    private final DeadLetterRedrive redrive;
    private final DeadLetterConfig config;

    DeadLetterResource(DeadLetterQueries queries, DeadLetterRedrive redrive, DeadLetterConfig config) {
        this.queries = queries;
        this.redrive = redrive;
        this.config = config;
    }

    @GET
    @Operation(summary = "List dead letters, newest first",
            description = "Keyset pagination: follow nextCursor (or the next link) for older records. Large "
                    + "payloads are cut to a preview; the record's own resource shows them whole.")
    @APIResponse(responseCode = "200", description = "A page of dead letters",
            content = @Content(schema = @Schema(implementation = DeadLetterList.class)))
    @APIResponse(responseCode = "400", description = "A bad filter, limit or cursor; violations name each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetterList list(
            @Parameter(description = "intake or job") @QueryParam("kind") String kind,
            @Parameter(description = "Reason contains this text (case-insensitive)") @QueryParam("reason") String reason,
            @Parameter(description = "Created at or after (ISO-8601)") @QueryParam("from") String from,
            @Parameter(description = "Created before (ISO-8601)") @QueryParam("to") String to,
            @Parameter(description = "true: only redriven; false: only not yet redriven") @QueryParam("redriven")
            String redriven,
            @Parameter(description = "Page size") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("kind", kind);
        params.put("reason", reason);
        params.put("from", from);
        params.put("to", to);
        params.put("redriven", redriven);
        params.put("limit", limit);
        params.put("cursor", cursor);
        ListQuery query = ListQuery.parse(params, config);
        DeadLetterPage page = queries.page(query.filter(), query.cursor(), query.limit(), config.previewChars());
        return new DeadLetterList(page.items().stream().map(DeadLetterView::of).toList(),
                page.next() == null ? null : page.next().encode(),
                page.next() == null ? null : query.nextPath(page.next()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One dead letter, with its whole payload")
    @APIResponse(responseCode = "200", description = "The dead letter",
            content = @Content(schema = @Schema(implementation = DeadLetterView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetterView get(@PathParam("id") String id) {
        UUID deadLetterId = RequestFields.pathId(id);
        return queries.find(deadLetterId).map(DeadLetterView::of).orElseThrow(() -> notFound(deadLetterId));
    }

    // the body is optional and read raw, so "no body" and a bad one are told apart precisely
    @POST
    @Path("{id}/redrive")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Redrive one dead letter",
            description = "Optionally with {\"payload\": {...}}, a corrected request that replaces the stored "
                    + "payload. Idempotent: a record that already became a job answers with that job.")
    @APIResponse(responseCode = "200", description = "What became of the record (created, duplicate, "
            + "still-invalid or conflict)", content = @Content(schema = @Schema(implementation = RedriveItem.class)))
    @APIResponse(responseCode = "400", description = "A bad id or body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RedriveItem redriveOne(@PathParam("id") String id, byte[] body) {
        UUID deadLetterId = RequestFields.pathId(id);
        RedriveResult result = redrive.redriveOne(deadLetterId, RedriveBodies.replacement(RequestFields.json(body)));
        if (result.outcome() == RedriveOutcome.NOT_FOUND) {
            throw notFound(deadLetterId);
        }
        return RedriveItem.of(result);
    }

    @POST
    @Path("redrive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Redrive dead letters by ids, by reason or by time window",
            description = "Exactly one selector: {\"ids\": [...]}, {\"reason\": \"text\"} or {\"from\": ..., "
                    + "\"to\": ...}; reason and window take an optional kind and pick records not yet redriven, "
                    + "never-attempted first. At most 1000 per call (optional limit); remaining says how many "
                    + "matching records this call did not reach.")
    @APIResponse(responseCode = "200", description = "One result per record",
            content = @Content(schema = @Schema(implementation = RedriveReport.class)))
    @APIResponse(responseCode = "400", description = "No selector, several, or a bad one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RedriveReport redriveMany(byte[] body) {
        RedriveBodies.Bulk bulk = RedriveBodies.bulk(RequestFields.json(body));
        RedriveBatch batch = redrive.redrive(bulk.selector(), bulk.limit());
        return new RedriveReport(batch.results().stream().map(RedriveItem::of).toList(), batch.results().size(),
                batch.remaining());
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No dead letter with id " + id);
    }
}
