package io.portero.accounts.control;

import io.portero.platform.problem.DomainException;

/**
 * Every slot for password hashing stayed taken for longer than the server is willing to wait.
 * Hashing is deliberately expensive, so the server runs only a bounded number at once and answers
 * the rest with "busy, try again" rather than letting a burst of logins exhaust its memory.
 */
public final class HashingCapacityExceededException extends DomainException {

    public HashingCapacityExceededException() {
        super("service_busy", 503, "password hashing capacity exhausted");
    }
}
