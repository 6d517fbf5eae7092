package io.portero.auth.entity;

import io.portero.platform.problem.DomainException;

/** An introspection request without its required {@code token} parameter (RFC 7662 §2.1). */
public class MissingTokenException extends DomainException {

    public MissingTokenException() {
        super("invalid_request", 400, "introspection request without a token");
    }
}
