package io.portero.auth.boundary;

import java.util.UUID;

/** A login opened a session. */
public record LoggedIn(UUID accountId, UUID sessionId, String ipAddress, String deviceLabel) {}
