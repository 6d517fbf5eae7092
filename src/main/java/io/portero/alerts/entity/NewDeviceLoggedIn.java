package io.portero.alerts.entity;

import java.time.Instant;
import java.util.UUID;

/**
 * A login (not the account's first) came from a device the account had not used before.
 * {@code alertId} names the alert: the webhook sends it, and the audit event keeps it.
 */
public record NewDeviceLoggedIn(
        UUID alertId,
        Instant at,
        UUID accountId,
        String username,
        UUID sessionId,
        String ipAddress,
        String deviceLabel,
        String network) {}
