package dev.genqueue.api.problem;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A test-only endpoint that fails the way a bug would, with internals in its exception message. */
@Path("/test-only/failure")
public class FailingResource {

    /** The message that must never reach a client. */
    public static final String INTERNALS = "connection to db-primary.internal:5432 refused for user genqueue_rw";

    @GET
    public String fail() {
        throw new IllegalStateException(INTERNALS);
    }
}
