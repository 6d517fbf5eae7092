package io.portero.sessions.entity;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to open a session for an account whose password was just verified;
 * {@code endSession} optionally names one of its live sessions to end in the same step.
 * {@code verifiedPasswordChangedAt} is when the password that was verified was set: if the account's
 * password changed since (a reset committed while the login was hashing), the login is refused.
 */
public record NewSession(UUID accountId, Instant verifiedPasswordChangedAt, Device device, UUID endSession) {}
