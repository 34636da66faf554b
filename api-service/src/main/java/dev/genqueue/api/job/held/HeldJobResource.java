package dev.genqueue.api.job.held;

import dev.genqueue.api.problem.Problem;
import dev.genqueue.api.problem.RequestFields;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** Operators resolve HELD jobs (a submit whose outcome was unknown) without SQL: resubmit or fail them. */
@Path("/v1/held-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Held jobs", description = "Resolve jobs held after a submit whose outcome was unknown")
public class HeldJobResource {

    private static final Logger LOG = Logger.getLogger(HeldJobResource.class);

    private final HeldJobs held;

    HeldJobResource(HeldJobs held) {
        this.held = held;
    }

    @POST
    @Path("resolve")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Resubmit or fail held jobs, by ids or by filter",
            description = "{\"action\": \"resubmit\"|\"fail\", \"reason\": \"…\", \"ids\": [...]} or, instead of "
                    + "ids, \"model\" and/or \"heldBefore\" (ISO-8601); optional \"dryRun\" (lists what would change, "
                    + "changes nothing) and \"limit\" (1–1000, oldest held first). The reason is recorded in each "
                    + "job's history. A failed job gets its result event (failCode HELD_FAILED). Check APIXO for "
                    + "the attempt's task first: resubmitting may pay a second task.")
    @APIResponse(responseCode = "200", description = "One entry per job changed (or, dry run, that would be)",
            content = @Content(schema = @Schema(implementation = HeldResolution.class)))
    @APIResponse(responseCode = "400", description = "A bad body; violations name each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HeldResolution resolve(byte[] body) {
        HeldRequest request = HeldRequest.parse(RequestFields.json(body));
        HeldResolution resolution = held.resolve(request);
        if (!request.dryRun()) {
            LOG.infof("held jobs %s by an operator: %d (%d still held matching); reason: %s", resolution.action(),
                    resolution.count(), resolution.remaining(), request.reason());
        }
        return resolution;
    }
}
