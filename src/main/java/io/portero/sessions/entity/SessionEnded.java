package io.portero.sessions.entity;

import java.time.Instant;
import java.util.UUID;

/**
 * Sessions ended, fired inside the ending transaction. With a {@code sessionId}, that one session
 * ended. Without one, a set-based statement ended several at once: every session that ended at
 * {@code at} for {@code reason} (of {@code accountId} when given, of any account otherwise) is one
 * of them, and {@code count} says how many. Observers read the ended rows by those keys rather
 * than receive a list of ids, so a batch of ten thousand stays one statement for them too.
 */
public record SessionEnded(UUID sessionId, UUID accountId, EndReason reason, Instant at, int count) {

    /** One session ended. */
    public static SessionEnded one(UUID sessionId, UUID accountId, EndReason reason, Instant at) {
        return new SessionEnded(sessionId, accountId, reason, at, 1);
    }

    /** {@code count} sessions ended together at {@code at}; {@code accountId} null for any account. */
    public static SessionEnded many(UUID accountId, EndReason reason, Instant at, int count) {
        return new SessionEnded(null, accountId, reason, at, count);
    }
}
