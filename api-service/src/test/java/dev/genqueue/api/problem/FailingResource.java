package dev.genqueue.api.problem;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.sql.SQLException;

/** Test-only endpoints that fail the way a bug or an outage would, with internals in their exception messages. */
@Path("/test-only/failure")
public class FailingResource {

    /** The message that must never reach a client. */
    public static final String INTERNALS = "connection to db-primary.internal:5432 refused for user genqueue_rw";

    @GET
    public String fail() {
        throw new IllegalStateException(INTERNALS);
    }

    /** Fails the way a request does while PostgreSQL restarts: the connection is gone (SQL state 08006). */
    @GET
    @Path("database-down")
    public String databaseDown() {
        throw new IllegalStateException("Error executing work",
                new SQLException("An I/O error occurred while sending to the backend: " + INTERNALS, "08006"));
    }
}
