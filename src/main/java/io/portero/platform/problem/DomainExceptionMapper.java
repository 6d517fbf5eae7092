package io.portero.platform.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/** Tells a broken business rule as its problem, with the rule's own code and extension members. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(DomainException e) {
        Locale locale = RequestContext.locale(headers);
        Response.ResponseBuilder builder = Response.fromResponse(
                Problem.response(e.code(), e.status(), locale, RequestContext.instance(uriInfo), e.extensions(locale)));
        if (e.status() == 401) {
            builder.header("WWW-Authenticate", e.challenge());
        }
        e.retryAfterSeconds().ifPresent(seconds -> builder.header("Retry-After", seconds));
        return builder.build();
    }
}
