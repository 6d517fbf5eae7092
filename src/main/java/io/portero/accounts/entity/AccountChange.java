package io.portero.accounts.entity;

/** An account change after which the account's sessions must end, and why they end. */
public enum AccountChange {
    /** The password was changed by its user or set by an administrator. */
    PASSWORD_CHANGED,
    /** An administrator disabled the account. */
    ACCOUNT_DISABLED
}
