package io.portero.accounts.entity;

import java.util.UUID;

/**
 * What a {@link RevokesSessions} method asks for: end the sessions of {@code accountId}, except
 * {@code keepSession} when not null. {@code sessionsEnded} is filled in by the interceptor; a
 * method that decides nothing needs revoking returns {@link #none()}.
 */
public record Revocation(UUID accountId, UUID keepSession, int sessionsEnded) {

    public static Revocation of(UUID accountId, UUID keepSession) {
        return new Revocation(accountId, keepSession, 0);
    }

    public static Revocation none() {
        return new Revocation(null, null, 0);
    }

    public Revocation ended(int count) {
        return new Revocation(accountId, keepSession, count);
    }
}
