package io.portero.accounts.entity;

import io.portero.platform.problem.DomainException;

/** No account with that username. */
public class UserNotFoundException extends DomainException {

    public UserNotFoundException() {
        super("user_not_found", 404, "user not found");
    }
}
