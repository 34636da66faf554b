package dev.genqueue.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.genqueue.common.validation.Violation;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 *
 * @param type       URI identifying the kind of problem
 * @param title      short summary of the kind of problem
 * @param status     HTTP status code
 * @param detail     what went wrong with this request, safe to show
 * @param instance   the request path the problem occurred on
 * @param violations for 400: every bad field, with {@code field} a JSON path such as {@code input.prompt}
 *                   ({@code ""} for the body as a whole)
 * @param incidentId for 500: id under which the error was logged, to quote to support
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        List<Violation> violations,
        String incidentId) {

    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
