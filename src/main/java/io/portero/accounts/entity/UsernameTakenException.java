package io.portero.accounts.entity;

import io.portero.platform.problem.DomainException;

/** An account with that username, in any letter case, already exists. */
public class UsernameTakenException extends DomainException {

    public UsernameTakenException() {
        super("username_taken", 409, "username taken");
    }
}
