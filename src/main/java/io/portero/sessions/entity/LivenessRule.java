package io.portero.sessions.entity;

import java.time.Duration;
import java.time.Instant;

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
}
