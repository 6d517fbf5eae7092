package io.portero.accounts.entity;

import io.portero.platform.problem.DomainException;

/** A password change whose current password is wrong. */
public class InvalidCurrentPasswordException extends DomainException {

    public InvalidCurrentPasswordException() {
        super("invalid_current_password", 400, "current password wrong");
    }
}
