package io.portero.sessions.boundary;

import io.portero.sessions.entity.EndReason;
import java.time.Instant;
import java.util.UUID;

/**
 * A session ended (or, with a null id, several sessions of one account ended together). The
 * audit log observes these.
 */
public record SessionEnded(UUID sessionId, EndReason reason, Instant at) {
}
