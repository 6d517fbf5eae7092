package io.portero.auth.boundary;

import java.util.UUID;

/** A user changed their own password from {@code sessionId}; {@code sessionsEnded} sessions ended with it. */
public record PasswordChanged(UUID accountId, UUID sessionId, int sessionsEnded) {}
