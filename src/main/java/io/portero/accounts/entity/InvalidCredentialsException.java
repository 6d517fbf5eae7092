package io.portero.accounts.entity;

import io.portero.platform.problem.DomainException;

/** Wrong password or unknown user: the same answer for both, so usernames cannot be probed. */
public class InvalidCredentialsException extends DomainException {

    public InvalidCredentialsException() {
        super("invalid_credentials", 401, "invalid credentials");
    }
}
