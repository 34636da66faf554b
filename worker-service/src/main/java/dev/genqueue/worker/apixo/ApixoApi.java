package dev.genqueue.worker.apixo;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/**
 * The raw APIXO generation endpoints (docs/apixo-api.md §4). Answers are raw {@link Response}s, whatever their
 * status; {@link ApixoClient} turns them into values.
 */
@Path("/api/v1")
interface ApixoApi {

    @POST
    @Path("/generateTask/{model}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    CompletionStage<Response> generateTask(@PathParam("model") String model,
            @HeaderParam("Authorization") String authorization, String body);

    @GET
    @Path("/statusTask/{model}")
    @Produces(MediaType.APPLICATION_JSON)
    CompletionStage<Response> statusTask(@PathParam("model") String model, @QueryParam("taskId") String taskId,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/apikeys/current-balance")
    @Produces(MediaType.APPLICATION_JSON)
    CompletionStage<Response> currentBalance(@HeaderParam("Authorization") String authorization);
}
