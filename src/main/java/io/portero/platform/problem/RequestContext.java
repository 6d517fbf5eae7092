package io.portero.platform.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;

/** The two things every problem needs from its request: the caller's language and the path. */
final class RequestContext {

    private RequestContext() {}

    static Locale locale(HttpHeaders headers) {
        try {
            return Messages.negotiate(headers == null ? List.of() : headers.getAcceptableLanguages());
        } catch (RuntimeException malformedHeader) {
            return Messages.SPANISH;
        }
    }

    static String instance(UriInfo uriInfo) {
        try {
            return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        } catch (RuntimeException outsideRequest) {
            return null;
        }
    }
}
