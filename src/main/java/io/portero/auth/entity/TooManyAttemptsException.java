package io.portero.auth.entity;

import io.portero.platform.problem.DomainException;
import java.util.Map;

/**
 * Too many failed attempts: the login (or password change) is refused before any password is
 * checked, so the answer tells nothing about the password. {@code Retry-After} says, in seconds,
 * when the next attempt is checked again.
 */
public class TooManyAttemptsException extends DomainException {

    private final long retryAfterSeconds;

    public TooManyAttemptsException(long retryAfterSeconds) {
        super("too_many_attempts", 429, "throttled for " + retryAfterSeconds + " s");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
