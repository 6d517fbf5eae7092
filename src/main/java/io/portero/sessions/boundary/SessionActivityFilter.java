package io.portero.sessions.boundary;

import io.portero.sessions.entity.InvalidTokenException;
import io.portero.sessions.entity.TokenClaims;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * {@code GET /api/session-status/}, or any request marked {@code X-Portero-Activity: passive}.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 100)
public class SessionActivityFilter implements ContainerRequestFilter {

    public static final String PASSIVE_HEADER = "X-Portero-Activity";

    @Inject
    Sessions sessions;

    @Inject
    CurrentSession current;

    @Context
    ResourceInfo resourceInfo;

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
        current.admit(
                sessions.admit(new TokenClaims(sessionId, token.getSubject(), token.getGroups()), isPassive(request)));
    }

    static boolean isPassive(ContainerRequestContext request) {
        if ("passive".equalsIgnoreCase(request.getHeaderString(PASSIVE_HEADER))) {
            return true;
        }
        String path = request.getUriInfo().getPath();
        return HttpMethod.GET.equals(request.getMethod())
                && path.replaceAll("^/+|/+$", "").equals("session-status");
    }
}
