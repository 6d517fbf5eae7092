package io.portero.sessions.control;

import io.portero.sessions.entity.Device;
import java.util.UUID;

/**
 * A request to open a session for an account whose password was just verified;
 * {@code endSession} optionally names one of its live sessions to end in the same step.
 */
public record NewSession(UUID accountId, Device device, String refreshTokenHash, UUID endSession) {
}
