package io.portero.sessions.boundary;

import io.portero.sessions.entity.EndReason;
import java.time.Instant;
import java.util.UUID;

/**
 * A session ended, or, with a null id, {@code count} sessions ended together for the same reason
 * (every session of one account, an administrator's clean-up, or one batch of the expiry timer).
 * Fired inside the ending transaction.
 */
public record SessionEnded(UUID sessionId, EndReason reason, Instant at, int count) {

    /** One session ended. */
    public SessionEnded(UUID sessionId, EndReason reason, Instant at) {
        this(sessionId, reason, at, 1);
    }
}
