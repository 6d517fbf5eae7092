package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Run with {@code portero.sessions.limit-policy=evict-oldest} and a one-second expiry timer: the
 * oldest device makes room for a new login, and the timer ends stale rows by itself.
 */
class EvictOldestAndTimerIT extends IntegrationTest {

    /** Waits up to {@code timeout} for the database to show {@code expected}. */
    private static void eventually(String expected, Supplier<String> actual, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!expected.equals(actual.get()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertEquals(expected, actual.get());
    }

    @Test
    void aThirdLoginEvictsTheLeastRecentlyActiveSession() throws Exception {
        String user = newUser("evict");
        Api.Login oldest = api.login(user, Api.PASSWORD);
        Api.Login recent = api.login(user, Api.PASSWORD);
        Thread.sleep(1100);
        assertEquals(
                200, api.get("api/me", oldest.access()).status(), "the first login is now the most recently active");

        Api.Reply third = api.loginReply(user, Api.PASSWORD, null);
        assertEquals(200, third.status(), third::toString);
        Api.Reply evicted = api.get("api/me", recent.access());
        assertEquals(401, evicted.status());
        assertEquals("session_evicted", evicted.code());
        assertEquals("EVICTED", Db.endReason(recent.sessionId()));
        assertEquals(200, api.get("api/me", oldest.access()).status());
        assertEquals(2, Db.liveRows(user));
        assertEquals(
                1,
                Db.count(
                        "SELECT COUNT(*) FROM audit_event WHERE type = 'SESSION_EVICTED' AND session_id = ?",
                        UUID.fromString(recent.sessionId())),
                "the eviction is in the audit log");
    }

    @Test
    void twentySimultaneousLoginsStillLeaveExactlyTwoLiveSessions() throws Exception {
        String user = newUser("evictrace");
        assertEquals(Map.of(200, 20L), LoginRace.run(List.of(api), user, 20), "evict-oldest admits every login");
        assertEquals(2, Db.liveRows(user));
        assertEquals(
                18,
                Db.count(
                        "SELECT COUNT(*) FROM user_session s JOIN account a ON a.id = s.account_id "
                                + "WHERE a.username_key = lower(?) AND s.end_reason = 'EVICTED'",
                        user));
    }

    @Test
    void theTimerEndsIdleSessionsWithTheIdleReason() throws Exception {
        Api.Login login = api.login(newUser("timeridle"), Api.PASSWORD);
        Db.ageActivity(login.sessionId(), 60);
        eventually("IDLE_TIMEOUT", () -> Db.endReason(login.sessionId()), Duration.ofSeconds(10));
        eventually(
                "1",
                () -> String.valueOf(Db.count(
                        "SELECT COUNT(*) FROM audit_event WHERE type = 'SESSION_EXPIRED' AND session_id = ? "
                                + "AND details LIKE '%idle_timeout%'",
                        UUID.fromString(login.sessionId()))),
                Duration.ofSeconds(5));
        Thread.sleep(1500);
        assertEquals(
                1,
                Db.count("SELECT COUNT(*) FROM audit_event WHERE session_id = ?", UUID.fromString(login.sessionId()))
                        - 1,
                "one SESSION_EXPIRED besides the LOGIN, however often the timer passes");
    }

    @Test
    void theTimerEndsOutlivedSessionsWithTheLifetimeReason() throws Exception {
        Api.Login login = api.login(newUser("timerlife"), Api.PASSWORD);
        Db.ageStart(login.sessionId(), 60);
        eventually("MAX_LIFETIME", () -> Db.endReason(login.sessionId()), Duration.ofSeconds(10));
        Api.Reply reply = api.get("api/me", login.access());
        assertEquals("session_max_lifetime", reply.code());
    }

    @Test
    void theTimerLeavesLiveSessionsAlone() throws Exception {
        Api.Login login = api.login(newUser("timerlive"), Api.PASSWORD);
        Thread.sleep(3000);
        assertEquals(null, Db.endReason(login.sessionId()));
        assertEquals(200, api.get("api/session-status/", login.access()).status());
    }

    @Test
    void historyOlderThanTheRetentionPeriodIsDeleted() throws Exception {
        Api.Login old = api.login(newUser("retention"), Api.PASSWORD);
        Api.Login recent = api.login(newUser("retained"), Api.PASSWORD);
        api.post("api/logout/", "{\"refresh\":\"" + old.refresh() + "\"}", null);
        api.post("api/logout/", "{\"refresh\":\"" + recent.refresh() + "\"}", null);
        Db.update(
                "UPDATE user_session SET ended_at = now() - interval '91 days', started_at = now() - interval '92 days', "
                        + "last_activity_at = now() - interval '92 days' WHERE id = ?::uuid",
                old.sessionId());
        eventually(
                "0",
                () -> Long.toString(Db.count("SELECT COUNT(*) FROM user_session WHERE id = ?::uuid", old.sessionId())),
                Duration.ofSeconds(10));
        assertEquals("LOGOUT", Db.endReason(recent.sessionId()), "history within the retention period stays");
    }

    @Test
    void twentySimultaneousLoginsFromANewDeviceMarkOneSessionAndRecordOneEvent() throws Exception {
        String user = newUser("evictdevice");
        Api.Reply first = api.loginReply(user, Api.PASSWORD, "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Firefox/120.0");
        assertEquals(200, first.status(), first::toString);
        assertEquals(Map.of(200, 20L), LoginRace.run(List.of(api), user, 20), "another browser: a new device");
        UUID account = UUID.fromString(
                Db.string("SELECT CAST(id AS VARCHAR) FROM account WHERE username_key = lower(?)", user));
        assertEquals(
                1,
                Db.count(
                        "SELECT COUNT(*) FROM audit_event WHERE type = 'NEW_DEVICE_LOGIN' AND account_id = ?", account),
                "one NEW_DEVICE_LOGIN however many logins raced");
        assertEquals(1, Db.count("SELECT COUNT(*) FROM user_session WHERE new_device AND account_id = ?", account));
        assertEquals(2, Db.count("SELECT COUNT(*) FROM known_device WHERE account_id = ?", account));
    }

    @Test
    void theRetentionTimerDeletesOldAuditEventsInBatchesAndKeepsRecentOnes() throws Exception {
        String marker = "{\"retention_test\":\"" + UUID.randomUUID() + "\"}";
        // More rows past the 180 days than one batch deletes (10 000), and a few still within them.
        Db.update(
                "INSERT INTO audit_event (occurred_at, type, outcome, details) SELECT now() - interval '181 days' "
                        + "- make_interval(secs => g), 'LOGIN', 'SUCCESS', ? FROM generate_series(1, 10050) g",
                marker);
        Db.update(
                "INSERT INTO audit_event (occurred_at, type, outcome, details) SELECT now() - interval '179 days' "
                        + "- make_interval(secs => g), 'LOGIN', 'SUCCESS', ? FROM generate_series(1, 3) g",
                marker);
        try {
            eventually(
                    "3",
                    () -> Long.toString(Db.count("SELECT COUNT(*) FROM audit_event WHERE details = ?", marker)),
                    Duration.ofSeconds(20));
            assertEquals(
                    3,
                    Db.count(
                            "SELECT COUNT(*) FROM audit_event WHERE details = ? "
                                    + "AND occurred_at > now() - interval '180 days'",
                            marker),
                    "the events within the retention period are the ones kept");
        } finally {
            Db.update("DELETE FROM audit_event WHERE details = ?", marker);
        }
    }
}
