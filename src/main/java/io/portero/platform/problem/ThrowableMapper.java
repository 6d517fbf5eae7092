package io.portero.platform.problem;

import io.portero.platform.http.BodyTooLargeException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line of defence. A database that cannot be reached is 503 {@code service_unavailable}
 * with {@code Retry-After} (the client may retry; nothing was changed). Anything else no other
 * mapper claims is logged with an incident id and answered 500 without a stack trace. (Unreadable request bodies are classified where they are
 * read, by {@link io.portero.platform.http.RequestBodyReading}.)
 */
@Provider
public class ThrowableMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ThrowableMapper.class.getName());

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable e) {
        if (Failures.causedBy(e, BodyTooLargeException.class)) {
            return Problem.response(
                    "payload_too_large", 413, RequestContext.locale(headers), RequestContext.instance(uriInfo));
        }
        if (Failures.isDatabaseUnavailable(e)) {
            LOG.warning(() -> "Database unavailable: " + rootMessage(e));
            return Response.fromResponse(Problem.response(
                            "service_unavailable",
                            503,
                            RequestContext.locale(headers),
                            RequestContext.instance(uriInfo)))
                    .header("Retry-After", "5")
                    .build();
        }
        return internalError(e, headers, uriInfo);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    static Response internalError(Throwable e, HttpHeaders headers, UriInfo uriInfo) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, e);
        return Problem.response(
                "internal_error",
                500,
                RequestContext.locale(headers),
                RequestContext.instance(uriInfo),
                Map.of("incident", incident));
    }
}
