package io.portero.accounts.entity;

import io.portero.platform.problem.DomainException;

/** The right password for a disabled account. A wrong one gets the usual invalid_credentials. */
public class AccountDisabledException extends DomainException {

    public AccountDisabledException() {
        super("account_disabled", 403, "account disabled");
    }
}
