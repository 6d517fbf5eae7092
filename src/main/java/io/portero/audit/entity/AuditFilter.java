package io.portero.audit.entity;

import java.time.Instant;
import java.util.UUID;

/**
 * Which events a list shows; null fields do not filter. {@code accountId} limits to one account's
 * own events, {@code usernameKey} to a name (as tried or as the account's, lower-cased), the
 * instants to {@code from <= occurred_at < to}, {@code ipAddress} to one exact address.
 */
public record AuditFilter(
        UUID accountId, String usernameKey, AuditType type, Instant from, Instant to, String ipAddress) {

    public static AuditFilter ofAccount(UUID accountId) {
        return new AuditFilter(accountId, null, null, null, null, null);
    }
}
