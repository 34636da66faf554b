package dev.genqueue.api.callback.rest;

import dev.genqueue.api.callback.CallbackReceiver;
import dev.genqueue.api.problem.Problem;
import dev.genqueue.api.problem.ProblemWriter;
import dev.genqueue.store.callback.CallbackOutcome;
import dev.genqueue.store.callback.CallbackPaths;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * APIXO's webhook. Every delivery gets the same empty 200, whatever became of it, so the answer tells a
 * caller nothing about jobs or tokens; only a database outage answers 503, which makes APIXO retry.
 */
@Path(CallbackPaths.PREFIX)
@Tag(name = "Callbacks", description = "Where APIXO reports finished tasks (a hint; genqueue confirms it)")
public class CallbackResource {

    /** Seconds the sender should wait before retrying after a 503. */
    static final String RETRY_AFTER_SECONDS = "30";

    private final CallbackReceiver receiver;
    private final ProblemWriter problems;

    CallbackResource(CallbackReceiver receiver, ProblemWriter problems) {
        this.receiver = receiver;
        this.problems = problems;
    }

    // any content type, read raw: the body is checked by hand and never refused with a telling status
    @POST
    @Path("{jobId}/{token}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Receive an APIXO task callback",
            description = "The URL is generated per job and carries an unguessable token. The body, APIXO's "
                    + "status envelope, is only a hint: a worker confirms the task's state with a status query.")
    @APIResponse(responseCode = "200", description = "Received (also for unknown jobs, wrong tokens and bad bodies)")
    @APIResponse(responseCode = "503", description = "The callback could not be recorded; retry later",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response receive(@Parameter(description = "Job id") @PathParam("jobId") String jobId,
            @Parameter(description = "The job's callback token") @PathParam("token") String token, byte[] body) {
        return answer(receiver.receive(jobId, token, body));
    }

    @POST
    @Path("{jobId}/{attempt}/{token}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Receive an APIXO task callback for one submit attempt",
            description = "The URL names the job and the submit attempt and carries an unguessable token. The "
                    + "body is only a hint: a worker confirms the task's state with a status query. A callback "
                    + "for an earlier attempt changes nothing.")
    @APIResponse(responseCode = "200", description = "Received (also for unknown jobs, wrong tokens and bad bodies)")
    @APIResponse(responseCode = "503", description = "The callback could not be recorded; retry later",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response receiveAttempt(@Parameter(description = "Job id") @PathParam("jobId") String jobId,
            @Parameter(description = "Submit attempt, from 1") @PathParam("attempt") String attempt,
            @Parameter(description = "The attempt's callback token") @PathParam("token") String token, byte[] body) {
        return answer(receiver.receive(jobId, attempt, token, body));
    }

    private Response answer(CallbackOutcome outcome) {
        if (outcome == CallbackOutcome.UNAVAILABLE) {
            // the instance is the prefix, not the request path: the token is never echoed
            Problem problem = new Problem(URI.create("about:blank"), "Service Unavailable", 503,
                    "The callback could not be recorded; retry later", CallbackPaths.PREFIX, null, null);
            return Response.fromResponse(problems.response(problem))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        return Response.ok().build();
    }
}
