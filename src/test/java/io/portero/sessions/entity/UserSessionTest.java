package io.portero.sessions.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserSessionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T06:00:00Z"), ZoneOffset.UTC);
    private static final Instant START = CLOCK.instant();
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration LIFETIME = Duration.ofHours(8);
    private static final LivenessRule POLICY = new LivenessRule(IDLE, LIFETIME, Duration.ofSeconds(30));

    private static UserSession startedAt(Instant start) {
        Account account = new Account("ana", "ana@example.org", "hash", Set.of(Role.USER), start);
        return new UserSession(account, new Device("Mozilla/5.0", "Chrome on Android", "203.0.113.9"), start);
    }

    @Test
    void aFreshSessionIsLive() {
        UserSession session = startedAt(START);

        assertEquals(Optional.empty(), session.deadReason(POLICY, START));
        assertTrue(session.isLiveAt(POLICY, START));
    }

    @Test
    void aSessionIdleJustUnderTheTimeoutIsStillLive() {
        UserSession session = startedAt(START);

        assertTrue(session.isLiveAt(POLICY, START.plus(IDLE).minusMillis(1)));
    }

    @Test
    void aSessionIdleForTheTimeoutIsDeadWithIdleTimeout() {
        UserSession session = startedAt(START);

        assertEquals(Optional.of(EndReason.IDLE_TIMEOUT), session.deadReason(POLICY, START.plus(IDLE)));
        assertFalse(session.isLiveAt(POLICY, START.plus(IDLE)));
        assertEquals(
                Optional.of(EndReason.IDLE_TIMEOUT),
                session.deadReason(POLICY, START.plus(IDLE).plusSeconds(1)));
    }

    @Test
    void activityPushesTheIdleCutoffForward() {
        UserSession session = startedAt(START);
        Instant active = START.plus(Duration.ofMinutes(20));

        session.touch(active);

        assertTrue(session.isLiveAt(POLICY, START.plus(IDLE)));
        assertTrue(session.isLiveAt(POLICY, active.plus(IDLE).minusMillis(1)));
        assertEquals(Optional.of(EndReason.IDLE_TIMEOUT), session.deadReason(POLICY, active.plus(IDLE)));
    }

    @Test
    void aBusySessionDiesWithMaxLifetimeExactlyAtItsLifetime() {
        UserSession session = startedAt(START);
        Instant end = START.plus(LIFETIME);
        session.touch(end.minus(Duration.ofMinutes(1)));

        assertTrue(session.isLiveAt(POLICY, end.minusMillis(1)));
        assertEquals(Optional.of(EndReason.MAX_LIFETIME), session.deadReason(POLICY, end));
    }

    @Test
    void aSessionBothIdleAndTooOldReportsMaxLifetime() {
        UserSession session = startedAt(START);

        assertEquals(
                Optional.of(EndReason.MAX_LIFETIME),
                session.deadReason(POLICY, START.plus(LIFETIME).plus(IDLE)));
    }

    @Test
    void anEndedSessionIsDeadWithItsReasonEvenWhileItsTimesAreFine() {
        UserSession session = startedAt(START);
        Instant logout = START.plusSeconds(60);

        assertTrue(session.end(EndReason.LOGOUT, logout));

        assertFalse(session.isActive());
        assertEquals(EndReason.LOGOUT, session.endReason());
        assertEquals(logout, session.endedAt());
        assertEquals(Optional.of(EndReason.LOGOUT), session.deadReason(POLICY, logout));
        assertEquals(
                Optional.of(EndReason.LOGOUT),
                session.deadReason(POLICY, START.plus(LIFETIME).plus(IDLE)));
    }

    @Test
    void endingTwiceKeepsTheFirstReasonAndTime() {
        UserSession session = startedAt(START);
        Instant evicted = START.plusSeconds(60);

        assertTrue(session.end(EndReason.EVICTED, evicted));
        assertFalse(session.end(EndReason.REVOKED_BY_ADMIN, evicted.plusSeconds(60)));

        assertEquals(EndReason.EVICTED, session.endReason());
        assertEquals(evicted, session.endedAt());
        assertEquals(Optional.of(EndReason.EVICTED), session.deadReason(POLICY, evicted.plusSeconds(120)));
    }

    @Test
    void touchNeverMovesActivityBackwards() {
        UserSession session = startedAt(START);
        Instant later = START.plus(Duration.ofMinutes(10));
        session.touch(later);

        session.touch(START.plus(Duration.ofMinutes(5)));
        session.touch(START.minusSeconds(1));

        assertEquals(later, session.lastActivityAt());
        assertEquals(later.plus(IDLE), session.idleExpiresAt(POLICY));
    }

    @Test
    void idleExpiryFollowsLastActivityAndLifetimeFollowsTheStart() {
        UserSession session = startedAt(START);
        assertEquals(START.plus(IDLE), session.idleExpiresAt(POLICY));
        assertEquals(START.plus(LIFETIME), session.expiresAt(POLICY));

        Instant active = START.plus(Duration.ofHours(2));
        session.touch(active);

        assertEquals(active.plus(IDLE), session.idleExpiresAt(POLICY));
        assertEquals(START.plus(LIFETIME), session.expiresAt(POLICY));
    }

    @Test
    void aNewSessionRecordsItsDeviceAndStartsActiveNow() {
        UserSession session = startedAt(START);

        assertTrue(session.isActive());
        assertEquals(START, session.startedAt());
        assertEquals(START, session.lastActivityAt());
        assertEquals("Chrome on Android", session.deviceLabel());
        assertEquals("203.0.113.9", session.ipAddress());
        assertNull(session.endReason());
        assertNull(session.endedAt());
    }

    @Test
    void overlongDeviceDetailsAreCutToTheirColumns() {
        Device device = new Device("u".repeat(600), "l".repeat(150), "203.0.113.9");

        assertEquals(512, device.userAgent().length());
        assertEquals(100, device.label().length());
    }

    @Test
    void aSessionStartsAtRefreshGenerationZeroAndEachRotationIssuesTheNext() {
        UserSession session = startedAt(START);

        assertEquals(new RefreshToken(session.id(), 0), session.refreshToken());
        assertEquals(new RefreshToken(session.id(), 1), session.rotateRefreshToken());
        assertEquals(new RefreshToken(session.id(), 2), session.rotateRefreshToken());
        assertEquals(new RefreshToken(session.id(), 2), session.refreshToken());
    }

    @Test
    void issuedTokensAreEveryGenerationUpToTheNextOneOfTheSameSession() {
        UserSession session = startedAt(START);
        session.rotateRefreshToken();
        session.rotateRefreshToken();

        assertTrue(session.issued(new RefreshToken(session.id(), 0)));
        assertTrue(session.issued(new RefreshToken(session.id(), 2)));
        assertTrue(session.issued(new RefreshToken(session.id(), 3)), "the next: a rotation the database lost");
        assertFalse(session.issued(new RefreshToken(session.id(), 4)));
        assertFalse(session.issued(new RefreshToken(UUID.randomUUID(), 1)));
    }

    @Test
    void aTokenOneGenerationAheadIsCaughtUpTo() {
        UserSession session = startedAt(START);
        session.rotateRefreshToken();

        assertTrue(session.catchUpTo(new RefreshToken(session.id(), 2)));

        assertEquals(new RefreshToken(session.id(), 2), session.refreshToken());
        assertEquals(new RefreshToken(session.id(), 3), session.rotateRefreshToken());
    }

    @Test
    void noOtherTokenIsCaughtUpTo() {
        UserSession session = startedAt(START);
        session.rotateRefreshToken();

        assertFalse(session.catchUpTo(new RefreshToken(session.id(), 1)), "the current one");
        assertFalse(session.catchUpTo(new RefreshToken(session.id(), 0)), "an older one");
        assertFalse(session.catchUpTo(new RefreshToken(session.id(), 3)), "two ahead");
        assertFalse(session.catchUpTo(new RefreshToken(UUID.randomUUID(), 2)), "another session's");
        assertEquals(new RefreshToken(session.id(), 1), session.refreshToken());
    }
}
