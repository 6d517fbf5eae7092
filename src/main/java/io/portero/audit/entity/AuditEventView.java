package io.portero.audit.entity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audit event as the API shows it. {@code username} is the account's name, or the name tried
 * when no account has it; {@code details} holds the type's few extra facts (a reason, the acting
 * administrator), never a password or token.
 */
public record AuditEventView(
        long id,
        Instant occurredAt,
        AuditType type,
        Outcome outcome,
        String username,
        UUID sessionId,
        String ipAddress,
        String userAgent,
        String deviceLabel,
        Map<String, String> details) {}
