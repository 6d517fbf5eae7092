package io.portero.accounts.entity;

import io.portero.platform.problem.DomainException;

/** Disabling or demoting the last enabled administrator would leave nobody able to administer. */
public class LastAdminException extends DomainException {

    public LastAdminException() {
        super("last_admin", 409, "refused: last enabled administrator");
    }
}
