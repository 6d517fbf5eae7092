package io.portero.auth.boundary;

import java.util.UUID;

/**
 * A login with the right password was refused at the device limit (409 {@code code}:
 * {@code session_limit_reached}, or {@code end_session_invalid} when the session it named to end
 * was not one of the account's live ones). Not a failed login: throttling never counts it.
 */
public record LoginRefusedAtLimit(UUID accountId, String ipAddress, String code) {}
