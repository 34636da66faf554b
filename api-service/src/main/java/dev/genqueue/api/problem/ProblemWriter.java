package dev.genqueue.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genqueue.common.validation.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Renders problems as {@code application/problem+json}, for REST mappers and plain HTTP routes alike. */
@ApplicationScoped
public class ProblemWriter {

    private final ObjectMapper mapper;

    ProblemWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The problem of {@code type} on {@code path}. */
    public Problem problem(ProblemType type, String detail, String path, List<Violation> violations) {
        return new Problem(type.type(), type.title(), type.status(), detail, path, violations, null);
    }

    /** The body text of a problem. */
    public String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem record always serialises", e);
        }
    }

    /** A JAX-RS answer carrying the problem. */
    public Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(json(problem)).build();
    }
}
