package io.portero.audit.control;

import io.portero.accounts.entity.Account;
import io.portero.audit.entity.AuditType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Writes {@code audit_event} rows, each call in a transaction of its own (never the one of the
 * flow that caused the event). The account, name and device are read from the rows they belong to
 * ({@code user_session}, {@code account}) in the same statement; sessions ended together are
 * recorded together, one row per session, by a single {@code INSERT ... SELECT}.
 */
@ApplicationScoped
public class AuditLog {

    private static final String COLUMNS = "INSERT INTO audit_event (occurred_at, type, outcome, account_id, username, "
            + "username_key, session_id, ip_address, user_agent, device_label, details) ";

    /** The common head of every select: occurred_at, type, outcome as typed parameters ?1..?3. */
    private static final String HEAD =
            "CAST(?1 AS TIMESTAMP WITH TIME ZONE), CAST(?2 AS VARCHAR(32)), " + "CAST(?3 AS VARCHAR(16)), ";

    @PersistenceContext(unitName = "portero")
    EntityManager em;

    /** An event of one session, with the session's account and device; answers the rows written (0 if it is gone). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int ofSession(AuditType type, Instant at, UUID sessionId, String details) {
        return head(
                        COLUMNS + "SELECT " + HEAD
                                + "s.account_id, a.username, a.username_key, s.id, s.ip_address, s.user_agent, s.device_label, "
                                + "CAST(?4 AS VARCHAR(2000)) FROM user_session s JOIN account a ON a.id = s.account_id "
                                + "WHERE s.id = ?5",
                        type,
                        at)
                .setParameter(4, details)
                .setParameter(5, sessionId)
                .executeUpdate();
    }

    /**
     * One event per session that ended at {@code endedAt} for {@code endReason} (of one account, or
     * of any when {@code accountId} is null): the rows a set-based ending wrote, in one statement.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int ofSessionsEnded(AuditType type, String endReason, Instant endedAt, UUID accountId, String details) {
        Query query = head(
                        COLUMNS + "SELECT " + HEAD
                                + "s.account_id, a.username, a.username_key, s.id, s.ip_address, s.user_agent, s.device_label, "
                                + "CAST(?4 AS VARCHAR(2000)) FROM user_session s JOIN account a ON a.id = s.account_id "
                                + "WHERE s.ended_at = ?1 AND s.end_reason = ?5"
                                + (accountId == null ? "" : " AND s.account_id = ?6"),
                        type,
                        endedAt)
                .setParameter(4, details)
                .setParameter(5, endReason);
        if (accountId != null) {
            query.setParameter(6, accountId);
        }
        return query.executeUpdate();
    }

    /** An event of an account known by id, from a device that may have no session. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int ofAccount(AuditType type, Instant at, UUID accountId, Device device, String details) {
        return head(
                        COLUMNS + "SELECT " + HEAD
                                + "a.id, a.username, a.username_key, CAST(?4 AS UUID), CAST(?5 AS VARCHAR(45)), "
                                + "CAST(?6 AS VARCHAR(512)), CAST(?7 AS VARCHAR(100)), CAST(?8 AS VARCHAR(2000)) "
                                + "FROM account a WHERE a.id = ?9",
                        type,
                        at)
                .setParameter(4, device.sessionId())
                .setParameter(5, device.ipAddress())
                .setParameter(6, device.userAgent())
                .setParameter(7, device.deviceLabel())
                .setParameter(8, details)
                .setParameter(9, accountId)
                .executeUpdate();
    }

    /**
     * An event naming a username, which may belong to no account (a login with an unknown name):
     * the account is the one of that name if any, the name the account's or else the one given,
     * cut to the username limit.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int ofName(AuditType type, Instant at, String username, Device device, String details) {
        String key = username == null ? null : cut(Account.keyOf(username), Account.MAX_USERNAME_LENGTH);
        String name = username == null ? null : cut(username, Account.MAX_USERNAME_LENGTH);
        return head(
                        COLUMNS + "SELECT " + HEAD
                                + "(SELECT id FROM account WHERE username_key = CAST(?4 AS VARCHAR(150))), "
                                + "COALESCE((SELECT username FROM account WHERE username_key = CAST(?4 AS VARCHAR(150))), "
                                + "CAST(?5 AS VARCHAR(150))), CAST(?4 AS VARCHAR(150)), CAST(?6 AS UUID), "
                                + "CAST(?7 AS VARCHAR(45)), CAST(?8 AS VARCHAR(512)), CAST(?9 AS VARCHAR(100)), "
                                + "CAST(?10 AS VARCHAR(2000))",
                        type,
                        at)
                .setParameter(4, key)
                .setParameter(5, name)
                .setParameter(6, device.sessionId())
                .setParameter(7, device.ipAddress())
                .setParameter(8, device.userAgent())
                .setParameter(9, device.deviceLabel())
                .setParameter(10, details)
                .executeUpdate();
    }

    /** Deletes up to {@code batch} events that occurred before the cut-off; answers how many. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeBefore(Instant cutoff, int batch) {
        return em.createNativeQuery("DELETE FROM audit_event WHERE id IN "
                        + "(SELECT id FROM audit_event WHERE occurred_at < ?1 LIMIT ?2)")
                .setParameter(1, utc(cutoff))
                .setParameter(2, batch)
                .executeUpdate();
    }

    /** Where an event came from, as far as known: its session, address, user agent and device label. */
    public record Device(UUID sessionId, String ipAddress, String userAgent, String deviceLabel) {

        public static final Device NONE = new Device(null, null, null, null);

        public Device {
            ipAddress = cut(ipAddress, 45);
            userAgent = cut(userAgent, 512);
            deviceLabel = cut(deviceLabel, 100);
        }
    }

    private Query head(String sql, AuditType type, Instant at) {
        return em.createNativeQuery(sql)
                .setParameter(1, utc(at))
                .setParameter(2, type.name())
                .setParameter(3, type.outcome().name());
    }

    static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
