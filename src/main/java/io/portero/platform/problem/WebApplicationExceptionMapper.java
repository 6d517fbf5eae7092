package io.portero.platform.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The JAX-RS runtime's own refusals (no such route, wrong method, wrong media type, unreadable
 * body, missing role) in the common problem format. A missing role is 403 only for a caller who
 * is authenticated: an anonymous caller gets 401 whoever refused ({@code RoleCheck} already answers
 * so; a 403 thrown elsewhere for an anonymous caller is turned into 401 here too).
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;

    @Context
    SecurityContext security;

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return ThrowableMapper.internalError(e, headers, uriInfo);
        }
        if (status == 403 && anonymous()) {
            status = 401;
        }
        String code = Failures.codeFor(e, status);
        if ("payload_too_large".equals(code)) {
            status = 413;
        }
        Response.ResponseBuilder response = Response.fromResponse(
                Problem.response(code, status, RequestContext.locale(headers), RequestContext.instance(uriInfo)));
        if (status == 405 && e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            response.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }

    private boolean anonymous() {
        return security != null && security.getUserPrincipal() == null;
    }
}
