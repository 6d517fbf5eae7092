package io.portero.accounts.entity;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What a {@link RevokesSessions} method asks for: end the sessions of the accounts
 * {@code accountIds}, except {@code keepSession} when not null. {@code sessionsEnded} is filled in
 * by the interceptor; a method that decides nothing needs revoking returns {@link #none()}.
 */
public record Revocation(List<UUID> accountIds, UUID keepSession, int sessionsEnded) {

    public Revocation {
        accountIds = List.copyOf(accountIds);
    }

    public static Revocation of(UUID accountId, UUID keepSession) {
        return new Revocation(List.of(accountId), keepSession, 0);
    }

    /** Every session of each of these accounts (a bulk change, such as an import). */
    public static Revocation ofAll(Collection<UUID> accountIds) {
        return new Revocation(List.copyOf(accountIds), null, 0);
    }

    public static Revocation none() {
        return new Revocation(List.of(), null, 0);
    }

    public Revocation ended(int count) {
        return new Revocation(accountIds, keepSession, count);
    }
}
