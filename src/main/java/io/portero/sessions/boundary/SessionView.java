package io.portero.sessions.boundary;

import io.portero.sessions.entity.UserSession;
import java.time.Instant;
import java.util.UUID;

/**
 * One of the caller's own live sessions ({@code GET /api/sessions/}); {@code newDevice}: it started
 * from a device the account had not used before, so the user can end one they do not recognise.
 */
public record SessionView(
        UUID id,
        String deviceLabel,
        String userAgent,
        String ipAddress,
        Instant startedAt,
        Instant lastActivityAt,
        boolean current,
        boolean newDevice) {

    public static SessionView from(UserSession session, UUID currentSessionId) {
        return new SessionView(
                session.id(),
                session.deviceLabel(),
                session.userAgent(),
                session.ipAddress(),
                session.startedAt(),
                session.lastActivityAt(),
                session.id().equals(currentSessionId),
                session.isNewDevice());
    }
}
