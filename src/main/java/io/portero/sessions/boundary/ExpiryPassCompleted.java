package io.portero.sessions.boundary;

import java.time.Duration;
import java.time.Instant;

/**
 * The expiry timer finished a pass without error: it ended {@code sessionsEnded} sessions (idle or
 * past their lifetime) in {@code took}. A failed pass fires nothing; the next one retries.
 */
public record ExpiryPassCompleted(Instant finishedAt, Duration took, int sessionsEnded) {}
