package io.portero.sessions.entity;

import java.time.Instant;
import java.util.UUID;

/** A session as an administrator sees it, live or ended. */
public record AdminSessionView(
        UUID id,
        String username,
        String deviceLabel,
        String userAgent,
        String ipAddress,
        Instant startedAt,
        Instant lastActivityAt,
        Instant endedAt,
        EndReason endReason,
        boolean live,
        boolean newDevice) {}
