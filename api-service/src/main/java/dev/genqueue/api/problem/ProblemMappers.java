package dev.genqueue.api.problem;

import dev.genqueue.store.sql.SqlStates;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The only exception mappers: refusals the API raised itself, errors the REST layer raised (404, 405, 415,
 * …) and, last, anything unexpected. None echoes an exception message: details are written here, for the
 * client, and unexpected errors only go to the log under an incident id.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    private final ProblemWriter writer;

    ProblemMappers(ProblemWriter writer) {
        this.writer = writer;
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e, UriInfo uri) {
        Response response = writer.response(writer.problem(e.type(), e.getMessage(), path(uri), e.violations()));
        if (e.retryAfterSeconds() > 0) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response rest(WebApplicationException e, UriInfo uri, Request request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri, request);
        }
        Response response = writer.response(problemFor(status, request.getMethod(), path(uri)));
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, Request request) {
        if (SqlStates.databaseUnavailable(e)) {
            LOG.warnf("%s %s answered 503: the database is unavailable (%s)", request.getMethod(), path(uri),
                    rootMessage(e));
            Response response = writer.response(writer.problem(ProblemType.UNAVAILABLE,
                    "The job store is unavailable for a moment; retry the same request (it is idempotent)",
                    path(uri), null));
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        if (SqlStates.timedOut(e)) {
            LOG.warnf("%s %s answered 503: a database statement timed out (%s)", request.getMethod(), path(uri),
                    rootMessage(e));
            Response response = writer.response(writer.problem(ProblemType.UNAVAILABLE,
                    "The job store is too slow to answer right now; retry the same request (it is idempotent)",
                    path(uri), null));
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error on %s %s, incident %s", request.getMethod(), path(uri), incident);
        Problem problem = writer.problem(ProblemType.INTERNAL,
                "The request could not be completed; quote incident " + incident + " when reporting it", path(uri),
                null);
        return writer.response(new Problem(problem.type(), problem.title(), problem.status(), problem.detail(),
                problem.instance(), null, incident));
    }

    private Problem problemFor(int status, String method, String path) {
        return switch (status) {
            case 400 -> writer.problem(ProblemType.VALIDATION, "The request could not be read", path, null);
            case 404 -> writer.problem(ProblemType.NOT_FOUND, "Nothing is served at this path", path, null);
            case 405 -> writer.problem(ProblemType.METHOD_NOT_ALLOWED, method + " is not allowed on this path", path,
                    null);
            case 406 -> writer.problem(ProblemType.NOT_ACCEPTABLE, "This resource answers application/json", path,
                    null);
            case 413 -> writer.problem(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large", path, null);
            case 415 -> writer.problem(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the request body as application/json", path, null);
            default -> {
                String reason = Response.Status.fromStatusCode(status) == null
                        ? "Request refused"
                        : Response.Status.fromStatusCode(status).getReasonPhrase();
                yield new Problem(URI.create("about:blank"), reason, status, reason, path, null, null);
            }
        };
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }
}
