package io.portero.sessions.boundary;

import io.portero.platform.problem.DomainException;

/** A refresh token that Portero never issued (or whose session history was purged). */
public class InvalidRefreshTokenException extends DomainException {

    public InvalidRefreshTokenException() {
        super("invalid_refresh_token", 401, "unknown refresh token");
    }
}
