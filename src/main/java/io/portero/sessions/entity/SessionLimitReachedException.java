package io.portero.sessions.entity;

import io.portero.platform.problem.DomainException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A login was refused because the account already holds its maximum of live sessions. Only a
 * caller who proved the password gets here, so the live sessions are listed for the user to pick
 * one to end.
 */
public class SessionLimitReachedException extends DomainException {

    private final List<LiveSessionView> sessions;

    public SessionLimitReachedException(String code, List<LiveSessionView> sessions) {
        super(code, 409, code + " with " + sessions.size() + " live session(s)");
        this.sessions = List.copyOf(sessions);
    }

    public static SessionLimitReachedException limitReached(List<LiveSessionView> sessions) {
        return new SessionLimitReachedException("session_limit_reached", sessions);
    }

    /** The {@code end_session} named no live session of the user. */
    public static SessionLimitReachedException endSessionInvalid(List<LiveSessionView> sessions) {
        return new SessionLimitReachedException("end_session_invalid", sessions);
    }

    @Override
    public Map<String, Object> extensions(Locale locale) {
        return Map.of("sessions", sessions);
    }
}
