package dev.genqueue.api.job.rest;

import dev.genqueue.api.job.intake.RestIntake;
import dev.genqueue.api.job.intake.Submission;
import dev.genqueue.api.job.query.JobLinks;
import dev.genqueue.api.job.query.JobQueries;
import dev.genqueue.api.job.query.JobView;
import dev.genqueue.api.problem.Problem;
import dev.genqueue.api.problem.ProblemException;
import dev.genqueue.api.problem.ProblemType;
import dev.genqueue.common.contract.GenerationRequest;
import dev.genqueue.common.job.JobStatus;
import dev.genqueue.common.validation.Violation;
import dev.genqueue.store.intake.IntakeOutcome;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The REST door: submit generation requests and follow the jobs they became. */
@Path("/v1/jobs")
@Tag(name = "Jobs", description = "Submit generation requests and follow their jobs")
public class JobResource {

    private final RestIntake intake;
    private final JobQueries queries;

    JobResource(RestIntake intake, JobQueries queries) {
        this.intake = intake;
        this.queries = queries;
    }

    // the body is read raw so that malformed JSON and wrong types become a 400 naming the field
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a generation request",
            description = "Idempotent on (tenantId, requestId); the key may also come as the Idempotency-Key header. "
                    + "The job row is committed before the answer, so its Location answers at once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GenerationRequest.class)))
    @APIResponse(responseCode = "202", description = "A new job was queued",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The job's resource path"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobAccepted.class)))
    @APIResponse(responseCode = "200", description = "Repeat of an earlier request with the same key and body: "
            + "the existing job, nothing new was created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The job's resource path"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobAccepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid body; violations name every bad field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key was already used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 256 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body not sent as application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(
            @Parameter(description = "Idempotency key; must equal the body's requestId when both are given")
            @HeaderParam(RestIntake.IDEMPOTENCY_KEY_HEADER) String idempotencyKey,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        // @Consumes refuses a wrong content type; a missing one would pass it
        if (contentType == null) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the request body as application/json (the Content-Type header is missing)");
        }
        Submission submission = intake.submit(body, idempotencyKey);
        IntakeOutcome outcome = submission.outcome();
        if (outcome instanceof IntakeOutcome.Conflict) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_CONFLICT, "requestId \"" + submission.requestId()
                    + "\" of tenant \"" + submission.tenantId()
                    + "\" already created a job from a different request; use a new key for a new request");
        }
        boolean created = outcome instanceof IntakeOutcome.Created;
        JobStatus status = created ? JobStatus.QUEUED : queries.status(outcome.jobId()).orElse(JobStatus.QUEUED);
        return Response.status(created ? Response.Status.ACCEPTED : Response.Status.OK)
                .header(HttpHeaders.LOCATION, JobLinks.pathOf(outcome.jobId()))
                .header(RestIntake.IDEMPOTENCY_KEY_HEADER, submission.requestId())
                .entity(new JobAccepted(outcome.jobId(), submission.requestId(), status, JobLinks.of(outcome.jobId())))
                .build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A job's current state, history, APIXO task and stored outputs")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobView get(@Parameter(description = "Job id (UUID)", schema = @Schema(type = SchemaType.STRING,
            format = "uuid")) @PathParam("id") String id) {
        UUID jobId = parseId(id);
        return queries.find(jobId).orElseThrow(() -> notFound("No job with id " + jobId));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The job created for an idempotency key",
            description = "For clients that lost the job id: looks the job up by (tenantId, requestId).")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "tenantId or requestId missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No job for this key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobView findByRequest(@QueryParam("tenantId") String tenantId, @QueryParam("requestId") String requestId) {
        List<Violation> missing = new ArrayList<>();
        if (tenantId == null || tenantId.isBlank()) {
            missing.add(new Violation("tenantId", "query parameter is required"));
        }
        if (requestId == null || requestId.isBlank()) {
            missing.add(new Violation("requestId", "query parameter is required"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.invalid(missing);
        }
        return queries.findByRequest(tenantId, requestId)
                .orElseThrow(() -> notFound("No job for this tenantId and requestId"));
    }

    // UUID.fromString also takes short forms such as 1-2-3-4-5; only the canonical 36-character form is an id
    private static UUID parseId(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            if (uuid.toString().equalsIgnoreCase(id)) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProblemException.invalid("id", "must be a UUID such as 3f2b8c1e-0d4a-4c6e-9b7a-2f1e0c9d8b7a");
    }

    private static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }
}
