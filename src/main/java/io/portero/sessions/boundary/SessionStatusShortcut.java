package io.portero.sessions.boundary;

import io.portero.platform.http.JsonConfiguration;
import io.portero.sessions.entity.AdmittedSession;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Answers the status poll, {@code GET /api/session-status/}, outside JAX-RS when the caller's
 * session is admitted: the request every open page sends on a timer, and the one a profile showed
 * spending more than half its time in the JAX-RS runtime (decision 0023). The answer is the one
 * {@link SessionStatusResource} gives, with the same JSON conventions; the headers every API answer
 * carries are set by the filters before this one.
 *
 * <p>Only the plain case is taken: a {@code GET} from a caller whose verified token grants a user
 * or administrator role and names a session, asking for JSON or anything ({@code Accept} absent,
 * {@code *}{@code /*} or {@code application/json}), and whose session is admitted. Everything
 * else (no or another caller, a missing role, another method or media type, a session that is not
 * live, a database that cannot be reached) goes on to {@link SessionStatusResource}, which decides
 * again and answers in the API's problem format; a refusal costs one more admission check, which
 * gives the same verdict.
 */
public class SessionStatusShortcut extends HttpFilter {

    @Inject
    Admissions admissions;

    @Inject
    Sessions sessions;

    @Inject
    Clock clock;

    private Jsonb json;

    @Override
    public void init() {
        json = JsonConfiguration.create();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        AdmittedSession session = admitted(request);
        if (session == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = json.toJson(
                        SessionStatus.of(session, sessions.liveness(), sessions.warningLead(), clock.instant()))
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The caller's admitted session when this is the plain case described above, or null. */
    private AdmittedSession admitted(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || !acceptsJson(request.getHeader("Accept"))) {
            return null;
        }
        return admissions.admitCaller(request.getUserPrincipal(), true);
    }

    public static boolean acceptsJson(String accept) {
        if (accept == null) {
            return true;
        }
        String media = accept.strip();
        return media.equals("*/*") || media.equalsIgnoreCase("application/json");
    }
}
