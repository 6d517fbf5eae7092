package io.portero.sessions.entity;

import java.time.Instant;
import java.util.UUID;

/** A live session as shown to its owner when a login is refused for the device limit. */
public record LiveSessionView(
        UUID id, String deviceLabel, String ipAddress, Instant startedAt, Instant lastActivityAt) {

    public static LiveSessionView from(UserSession session) {
        return new LiveSessionView(
                session.id(),
                session.deviceLabel(),
                session.ipAddress(),
                session.startedAt(),
                session.lastActivityAt());
    }
}
