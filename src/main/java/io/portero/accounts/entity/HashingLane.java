package io.portero.accounts.entity;

/**
 * Which queue a password request joins when every hashing slot is taken. Strangers' logins (an
 * unknown username, or a device the account has not used) share the general lane, the one a
 * flood of junk logins fills. Requests a flood cannot imitate, a login from a device the account
 * has used before or a request of someone already signed in, have a lane of their own: it is
 * served first whenever a slot comes free, and only its own callers take its places.
 */
public enum HashingLane {
    GENERAL,
    PRIORITY
}
