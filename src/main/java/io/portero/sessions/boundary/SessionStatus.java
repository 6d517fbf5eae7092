package io.portero.sessions.boundary;

import io.portero.sessions.entity.AdmittedSession;
import io.portero.sessions.entity.LivenessRule;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The state of the caller's session, for a frontend deciding whether its user is still logged in
 * and when to warn them: everything a page needs to run its inactivity timer without assuming a
 * timeout. {@code idleExpiresAt} is when the session ends without further activity (never after
 * {@code expiresAt}, the absolute end); {@code serverTime} lets the page correct its own clock;
 * {@code activityWriteIntervalSeconds} is how often activity reaches the database (a page reporting
 * activity need not call more often); {@code warningLeadSeconds} how long before the idle end to
 * warn.
 */
public record SessionStatus(
        boolean active,
        UUID sessionId,
        String username,
        Instant startedAt,
        Instant lastActivityAt,
        Instant idleExpiresAt,
        Instant expiresAt,
        long idleTimeoutSeconds,
        long activityWriteIntervalSeconds,
        long warningLeadSeconds,
        Instant serverTime) {

    public static SessionStatus of(AdmittedSession session, LivenessRule policy, Duration warningLead, Instant now) {
        Instant idle = session.idleExpiresAt(policy);
        Instant lifetime = session.expiresAt(policy);
        return new SessionStatus(
                true,
                session.id(),
                session.username(),
                session.startedAt(),
                session.lastActivityAt(),
                idle.isBefore(lifetime) ? idle : lifetime,
                lifetime,
                policy.idleTimeout().toSeconds(),
                policy.activityWriteInterval().toSeconds(),
                warningLead.toSeconds(),
                now);
    }
}
