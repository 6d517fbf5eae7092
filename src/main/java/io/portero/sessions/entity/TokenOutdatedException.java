package io.portero.sessions.entity;

import io.portero.platform.problem.DomainException;

/**
 * A token of a live session grants a role its account no longer has (an administrator was
 * demoted). The session stays live: a refresh issues a token with the current roles.
 */
public class TokenOutdatedException extends DomainException {

    public TokenOutdatedException() {
        super("token_outdated", 401, "token grants a role the account no longer has");
    }
}
