package io.portero.sessions.boundary;

import io.portero.sessions.entity.EndReason;
import java.time.Instant;
import java.util.UUID;

/**
 * A session ended (or, with a null id, several sessions of one account ended together). Fired
 * inside the ending transaction; nothing observes it yet (the audit log, issue 6, will).
 */
public record SessionEnded(UUID sessionId, EndReason reason, Instant at) {}
