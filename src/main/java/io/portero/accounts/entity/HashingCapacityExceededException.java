package io.portero.accounts.entity;

import io.portero.platform.problem.DomainException;
import java.util.Map;

/**
 * Every slot for password hashing stayed taken for longer than the server is willing to wait.
 * Hashing is deliberately expensive, so the server runs only a bounded number at once and answers
 * the rest with "busy, try again" rather than letting a burst of logins exhaust its memory.
 */
public final class HashingCapacityExceededException extends DomainException {

    public HashingCapacityExceededException() {
        super("service_busy", 503, "password hashing capacity exhausted");
    }

    /** A hash takes about 50 ms and a queue of waiters drains within a second or two. */
    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }

    public static final int RETRY_AFTER_SECONDS = 2;
}
