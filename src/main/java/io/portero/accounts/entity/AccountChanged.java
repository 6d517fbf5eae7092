package io.portero.accounts.entity;

import java.util.UUID;

/**
 * An account's roles or enabled flag changed, fired inside the changing transaction: whatever holds
 * a copy of them (the sessions' view of live sessions) forgets it.
 */
public record AccountChanged(UUID accountId) {}
