package io.portero.sessions.entity;

import io.portero.platform.problem.DomainException;

/** A correctly signed token that names no session Portero knows. */
public class InvalidTokenException extends DomainException {

    public InvalidTokenException() {
        super("invalid_token", 401, "token names no known session");
    }
}
