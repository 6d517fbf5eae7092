package io.portero.auth.boundary;

import java.util.UUID;

/**
 * A login with the right password was refused by the device limit (409). Fired after the refused
 * transaction rolled back, so observers see it although nothing of the login was kept.
 */
public record SessionLimitRefused(UUID accountId, String ipAddress, String userAgent, String deviceLabel) {}
