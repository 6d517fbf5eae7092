package io.portero.auth.boundary;

import io.portero.accounts.entity.Role;
import io.portero.sessions.boundary.Admissions;
import io.portero.sessions.boundary.ForwardedActivity;
import io.portero.sessions.boundary.SessionActivityFilter;
import io.portero.sessions.entity.AdmittedSession;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Answers forward-auth, {@code /api/auth/check}, outside JAX-RS when the check passes: the request
 * a reverse proxy sends before every request to the application's own API, so its cost is paid on
 * all of them (decision 0023). The answer is {@link ForwardAuthResource}'s: 204 with the identity
 * headers ({@link ForwardAuthResource#identity}); activity is recorded unless the check is passive,
 * by the same rules as {@link SessionActivityFilter} ({@code X-Portero-Activity: passive}, or a
 * trusted proxy naming an original request on a passive path, {@link ForwardedActivity}).
 *
 * <p>Only the plain case is taken: one of the methods the resource serves, a caller (set by
 * {@code BearerAuthentication}) in the user or administrator role whose token names a session, no
 * query or just {@code role=<user|admin>} that the session holds, and a session that is admitted.
 * Everything else (no caller, another role, an unknown role, a session that is not live, a database
 * that cannot be reached) goes on to the resource, which decides again and answers in the problem
 * format.
 */
public class ForwardAuthShortcut extends HttpFilter {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String ROLE_QUERY = "role=";

    @Inject
    Admissions admissions;

    @Inject
    ForwardedActivity forwarded;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        AdmittedSession session = admitted(request);
        if (session == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        ForwardAuthResource.identity(session).forEach(response::setHeader);
    }

    /** The caller's admitted session when this is the plain case described above and it passes, or null. */
    private AdmittedSession admitted(HttpServletRequest request) {
        if (!METHODS.contains(request.getMethod())) {
            return null;
        }
        Role required = null;
        String query = request.getQueryString();
        if (query != null && !query.isEmpty()) {
            required = query.startsWith(ROLE_QUERY) ? Role.ofGroup(query.substring(ROLE_QUERY.length())) : null;
            if (required == null) {
                return null;
            }
        }
        boolean passive = "passive".equalsIgnoreCase(request.getHeader(SessionActivityFilter.PASSIVE_HEADER))
                || forwarded.isPassive(request, request::getHeader);
        AdmittedSession session = admissions.admitCaller(request.getUserPrincipal(), passive);
        return session != null && (required == null || session.roles().contains(required)) ? session : null;
    }
}
