package io.portero.auth.boundary;

import java.util.UUID;

/**
 * A user's own password change was refused: {@code code} is {@code invalid_current_password} or
 * {@code validation_failed} (the new password broke a rule). Neither password is part of it.
 */
public record PasswordChangeFailed(UUID accountId, UUID sessionId, String code) {}
