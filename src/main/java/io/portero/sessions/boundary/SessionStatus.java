package io.portero.sessions.boundary;

import io.portero.sessions.entity.LivenessRule;
import io.portero.sessions.entity.UserSession;
import java.time.Instant;
import java.util.UUID;

/** The state of the caller's session, for a frontend deciding whether its user is still logged in. */
public record SessionStatus(
        boolean active,
        UUID sessionId,
        String username,
        Instant startedAt,
        Instant lastActivityAt,
        Instant idleExpiresAt,
        Instant expiresAt,
        long idleTimeoutSeconds,
        Instant serverTime) {

    public static SessionStatus of(UserSession session, String username, LivenessRule policy, Instant now) {
        Instant idle = session.idleExpiresAt(policy);
        Instant lifetime = session.expiresAt(policy);
        return new SessionStatus(
                true,
                session.id(),
                username,
                session.startedAt(),
                session.lastActivityAt(),
                idle.isBefore(lifetime) ? idle : lifetime,
                lifetime,
                policy.idleTimeout().toSeconds(),
                now);
    }
}
