package io.portero.sessions.boundary;

import io.portero.sessions.entity.InvalidTokenException;
import io.portero.sessions.entity.TokenClaims;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Every request with an access token passes here before any role check: its session ({@code sid})
 * must still be live, or the request is refused with the code of the reason it ended; the token
 * must belong to the session's account and grant only roles the account still has. A live
 * session's activity is recorded, unless the request is passive: the status poll
 * {@code GET /api/session-status/}, any request marked {@code X-Portero-Activity: passive}, or a
 * forward-auth check ({@link ForwardedRequest}) from a trusted proxy about an original request
 * whose path is one of {@code portero.forward-auth.passive-paths}. The original request's headers
 * are read only on the forward-auth route: elsewhere they describe nothing Portero decides.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 100)
public class SessionActivityFilter implements ContainerRequestFilter {

    public static final String PASSIVE_HEADER = "X-Portero-Activity";

    private static final String STATUS_PATH = "session-status";

    @Inject
    Admissions admissions;

    @Inject
    CurrentSession current;

    @Inject
    ForwardedActivity forwarded;

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)) {
            return;
        }
        UUID sessionId = SessionIds.fromToken(token);
        boolean allowEnded = resourceInfo.getResourceMethod() != null
                && resourceInfo.getResourceMethod().isAnnotationPresent(AllowEndedSession.class);
        if (allowEnded) {
            return;
        }
        if (sessionId == null) {
            throw new InvalidTokenException();
        }
        current.admit(admissions.admit(
                new TokenClaims(sessionId, token.getSubject(), token.getGroups()), isPassive(request)));
    }

    boolean isPassive(ContainerRequestContext request) {
        if ("passive".equalsIgnoreCase(request.getHeaderString(PASSIVE_HEADER))) {
            return true;
        }
        if (HttpMethod.GET.equals(request.getMethod())
                && isStatusPoll(request.getUriInfo().getPath())) {
            return true;
        }
        return isForwardedRequest() && forwarded.isPassive(http, request::getHeaderString);
    }

    /** {@code session-status} with any slashes before and after it (no regular expression on every request). */
    static boolean isStatusPoll(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.regionMatches(start, STATUS_PATH, 0, STATUS_PATH.length()) && end - start == STATUS_PATH.length();
    }

    private boolean isForwardedRequest() {
        return resourceInfo.getResourceMethod() != null
                && resourceInfo.getResourceMethod().isAnnotationPresent(ForwardedRequest.class);
    }
}
