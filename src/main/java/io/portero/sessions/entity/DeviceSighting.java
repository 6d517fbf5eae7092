package io.portero.sessions.entity;

import java.util.UUID;

/**
 * What a successful login told about its device: whether the account had used it before.
 *
 * @param network the client address's network ({@code 203.0.113.0/24}), part of what makes the device
 */
public record DeviceSighting(
        Kind kind,
        UUID accountId,
        String username,
        UUID sessionId,
        String ipAddress,
        String deviceLabel,
        String network) {

    public enum Kind {
        /** The account's first login on record: its device becomes known, nobody is alerted. */
        FIRST_LOGIN,
        /** A device the account has logged in from before. */
        KNOWN,
        /** A device the account has not used before (and not its first login). */
        NEW
    }

    public boolean isNew() {
        return kind == Kind.NEW;
    }
}
