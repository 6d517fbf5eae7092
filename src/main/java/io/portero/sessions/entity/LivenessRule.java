package io.portero.sessions.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The time rules of a session: it is <em>live</em> while it is active, its last activity lies within
 * the idle timeout, and it is younger than the absolute lifetime. Activity is persisted at most once
 * per write interval, so idle decisions are exact to within that interval.
 */
public record LivenessRule(Duration idleTimeout, Duration maxLifetime, Duration activityWriteInterval) {

    public LivenessRule {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("idle timeout and max lifetime must be positive");
        }
        if (activityWriteInterval.isNegative()) {
            throw new IllegalArgumentException("activity write interval must not be negative");
        }
    }

    /** Sessions whose last activity is at or before this instant are idle. */
    public Instant idleCutoff(Instant now) {
        return now.minus(idleTimeout);
    }

    /** Sessions started at or before this instant have outlived the absolute lifetime. */
    public Instant lifetimeCutoff(Instant now) {
        return now.minus(maxLifetime);
    }

    /**
     * Why a session with these values is no longer live at {@code now}, or empty while it is: an
     * ended one for its end reason; an active one past its lifetime or idle timeout is already dead,
     * whether or not the expiry timer has run. The one statement of the rule: the entity, the
     * per-node view of live sessions and (through the cut-offs) the SQL all go by it.
     */
    public Optional<EndReason> deadReason(
            boolean active, EndReason endReason, Instant startedAt, Instant lastActivityAt, Instant now) {
        if (!active) {
            return Optional.of(endReason);
        }
        if (!startedAt.isAfter(lifetimeCutoff(now))) {
            return Optional.of(EndReason.MAX_LIFETIME);
        }
        if (!lastActivityAt.isAfter(idleCutoff(now))) {
            return Optional.of(EndReason.IDLE_TIMEOUT);
        }
        return Optional.empty();
    }
}
