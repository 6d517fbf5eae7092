package io.portero.audit.boundary;

import io.portero.admin.boundary.AdminActed;
import io.portero.alerts.entity.NewDeviceLoggedIn;
import io.portero.audit.control.AuditDetails;
import io.portero.audit.control.AuditLines;
import io.portero.audit.control.AuditLog;
import io.portero.audit.control.AuditLog.Device;
import io.portero.audit.entity.AuditType;
import io.portero.auth.boundary.LoggedIn;
import io.portero.auth.boundary.LoginFailed;
import io.portero.auth.boundary.PasswordChangeFailed;
import io.portero.auth.boundary.PasswordChanged;
import io.portero.auth.boundary.SessionLimitRefused;
import io.portero.sessions.entity.EndReason;
import io.portero.sessions.entity.SessionEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the other features' events into audit rows and log lines. Each observer runs only once
 * the flow's transaction committed (at once when the flow has none), writes in a transaction of
 * its own, and never throws: a failed write is logged once and the flow's answer stands.
 */
@ApplicationScoped
public class AuditRecorder {

    private static final Logger LOG = Logger.getLogger("io.portero.audit");

    @Inject
    AuditLog log;

    @Inject
    Clock clock;

    void loggedIn(@Observes(during = TransactionPhase.AFTER_SUCCESS) LoggedIn event) {
        Instant now = clock.instant();
        record(
                AuditType.LOGIN,
                fields(
                        "account_id",
                        event.accountId(),
                        "session_id",
                        event.sessionId(),
                        "ip",
                        event.ipAddress(),
                        "device",
                        event.deviceLabel()),
                () -> log.ofSession(AuditType.LOGIN, now, event.sessionId(), null));
    }

    void newDeviceLoggedIn(@Observes(during = TransactionPhase.AFTER_SUCCESS) NewDeviceLoggedIn event) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("alert_id", event.alertId().toString());
        details.put("network", event.network());
        record(
                AuditType.NEW_DEVICE_LOGIN,
                fields(
                        "account_id",
                        event.accountId(),
                        "session_id",
                        event.sessionId(),
                        "ip",
                        event.ipAddress(),
                        "device",
                        event.deviceLabel(),
                        "network",
                        event.network(),
                        "alert_id",
                        event.alertId()),
                () -> log.ofSession(
                        AuditType.NEW_DEVICE_LOGIN, event.at(), event.sessionId(), AuditDetails.toJson(details)));
    }

    void loginFailed(@Observes(during = TransactionPhase.AFTER_SUCCESS) LoginFailed event) {
        Instant now = clock.instant();
        Device device = new Device(null, event.ipAddress(), event.userAgent(), event.deviceLabel());
        record(
                AuditType.LOGIN_ERROR,
                fields(
                        "username",
                        event.username(),
                        "ip",
                        event.ipAddress(),
                        "device",
                        event.deviceLabel(),
                        "reason",
                        event.code()),
                () -> log.ofName(
                        AuditType.LOGIN_ERROR,
                        now,
                        event.username(),
                        device,
                        AuditDetails.toJson(Map.of("reason", event.code()))));
    }

    void limitRefused(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionLimitRefused event) {
        Instant now = clock.instant();
        Device device = new Device(null, event.ipAddress(), event.userAgent(), event.deviceLabel());
        record(
                AuditType.SESSION_LIMIT_REACHED,
                fields("account_id", event.accountId(), "ip", event.ipAddress(), "device", event.deviceLabel()),
                () -> log.ofAccount(AuditType.SESSION_LIMIT_REACHED, now, event.accountId(), device, null));
    }

    void sessionEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionEnded event) {
        AuditType type = AuditType.ofEnding(event.reason());
        String details = AuditDetails.toJson(Map.of("reason", reason(event.reason())));
        if (event.sessionId() != null) {
            record(
                    type,
                    fields(
                            "session_id",
                            event.sessionId(),
                            "account_id",
                            event.accountId(),
                            "reason",
                            reason(event.reason())),
                    () -> log.ofSession(type, event.at(), event.sessionId(), details));
        } else {
            record(
                    type,
                    fields(
                            "account_id",
                            event.accountId(),
                            "reason",
                            reason(event.reason()),
                            "sessions",
                            event.count()),
                    () -> log.ofSessionsEnded(type, event.reason().name(), event.at(), event.accountId(), details));
        }
    }

    void passwordChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PasswordChanged event) {
        Instant now = clock.instant();
        record(
                AuditType.PASSWORD_CHANGED,
                fields(
                        "account_id",
                        event.accountId(),
                        "session_id",
                        event.sessionId(),
                        "sessions_ended",
                        event.sessionsEnded()),
                () -> log.ofSession(
                        AuditType.PASSWORD_CHANGED,
                        now,
                        event.sessionId(),
                        AuditDetails.toJson(Map.of("sessions_ended", String.valueOf(event.sessionsEnded())))));
    }

    void passwordChangeFailed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PasswordChangeFailed event) {
        Instant now = clock.instant();
        record(
                AuditType.PASSWORD_CHANGE_ERROR,
                fields("account_id", event.accountId(), "session_id", event.sessionId(), "reason", event.code()),
                () -> log.ofSession(
                        AuditType.PASSWORD_CHANGE_ERROR,
                        now,
                        event.sessionId(),
                        AuditDetails.toJson(Map.of("reason", event.code()))));
    }

    void adminActed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AdminActed event) {
        Instant now = clock.instant();
        Map<String, String> details = new LinkedHashMap<>(event.details());
        details.put("actor", event.actor());
        details.put("action", event.action());
        record(
                AuditType.ADMIN_ACTION,
                fields(
                        "actor",
                        event.actor(),
                        "action",
                        event.action(),
                        "username",
                        event.target(),
                        "actor_session_id",
                        event.actorSessionId()),
                () -> log.ofName(
                        AuditType.ADMIN_ACTION, now, event.target(), Device.NONE, AuditDetails.toJson(details)));
    }

    private static String reason(EndReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    /** Logs the event's line, then writes its rows; a failure to write is logged, never thrown. */
    private static void record(AuditType type, Map<String, Object> fields, IntSupplier write) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        line.put("outcome", type.outcome());
        line.putAll(fields);
        LOG.info(AuditLines.line(line));
        try {
            write.getAsInt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Audit event " + type + " not recorded: " + e);
        }
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }
}
