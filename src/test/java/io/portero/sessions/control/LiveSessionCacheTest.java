package io.portero.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.accounts.entity.Role;
import io.portero.sessions.entity.AdmittedSession;
import io.portero.sessions.entity.EndReason;
import io.portero.sessions.entity.SessionEnded;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveSessionCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private LiveSessionCache view;

    @BeforeEach
    void trustedView() {
        view = new LiveSessionCache(100, Duration.ofMinutes(30), nanos::get);
        view.trust(Duration.ofMinutes(1));
    }

    static AdmittedSession session(UUID accountId) {
        return new AdmittedSession(UUID.randomUUID(), accountId, "ana", Set.of(Role.USER), NOW, NOW);
    }

    private AdmittedSession kept(AdmittedSession session) {
        assertTrue(view.put(session, view.stamp()));
        return session;
    }

    @Test
    void holdsWhatWasPutWhileTrusted() {
        AdmittedSession session = kept(session(UUID.randomUUID()));
        assertEquals(session, view.get(session.id()));
    }

    @Test
    void anUntrustedViewAnswersNothingAndKeepsNothing() {
        AdmittedSession session = kept(session(UUID.randomUUID()));
        view.distrust();
        assertNull(view.get(session.id()));
        assertFalse(view.put(session, view.stamp()));
        view.trust(Duration.ofMinutes(1));
        assertNull(view.get(session.id()), "a view trusted again starts empty");
    }

    @Test
    void aViewWhoseLeaseRanOutAnswersNothing() throws InterruptedException {
        AdmittedSession session = kept(session(UUID.randomUUID()));
        view.renew(Duration.ofMillis(1));
        Thread.sleep(5);
        assertFalse(view.isTrusted());
        assertNull(view.get(session.id()));
        view.renew(Duration.ofMinutes(1));
        assertEquals(
                session,
                view.get(session.id()),
                "renewed: the connection was alive, so nothing notified meanwhile was lost");
    }

    @Test
    void aSessionReadBeforeAnEvictionIsNotPutBack() {
        AdmittedSession session = session(UUID.randomUUID());
        long stamp = view.stamp();
        view.evict(session.id());
        assertFalse(view.put(session, stamp));
        assertNull(view.get(session.id()));
    }

    @Test
    void anyEvictionMeanwhileRefusesThePutEvenOfAnotherSession() {
        AdmittedSession session = session(UUID.randomUUID());
        long stamp = view.stamp();
        view.evict(UUID.randomUUID());
        assertFalse(view.put(session, stamp));
    }

    @Test
    void evictingAnAccountForgetsOnlyItsSessions() {
        UUID account = UUID.randomUUID();
        AdmittedSession first = kept(session(account));
        AdmittedSession second = kept(session(account));
        AdmittedSession other = kept(session(UUID.randomUUID()));
        view.evictAccount(account);
        assertNull(view.get(first.id()));
        assertNull(view.get(second.id()));
        assertEquals(other, view.get(other.id()));
    }

    @Test
    void entriesExpireAnIdleTimeoutAfterTheyWereWritten() {
        AdmittedSession session = kept(session(UUID.randomUUID()));
        nanos.addAndGet(Duration.ofMinutes(29).toNanos());
        assertEquals(session, view.get(session.id()));
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        assertNull(view.get(session.id()));
    }

    @Test
    void theSizeIsBounded() {
        LiveSessionCache small = new LiveSessionCache(10, Duration.ofMinutes(30), nanos::get);
        small.trust(Duration.ofMinutes(1));
        for (int i = 0; i < 50; i++) {
            small.put(session(UUID.randomUUID()), small.stamp());
        }
        assertTrue(small.size() <= 10, "size " + small.size());
    }

    @Test
    void notificationsEvictTheSessionOrTheAccount() {
        AdmittedSession ended = kept(session(UUID.randomUUID()));
        AdmittedSession changed = kept(session(UUID.randomUUID()));
        AdmittedSession other = kept(session(UUID.randomUUID()));
        ViewNotifications.apply(
                view, ViewNotifications.SESSION_ENDED, ended.id().toString());
        ViewNotifications.apply(
                view, ViewNotifications.ACCOUNT_CHANGED, changed.accountId().toString());
        assertNull(view.get(ended.id()));
        assertNull(view.get(changed.id()));
        assertEquals(other, view.get(other.id()));
    }

    @Test
    void anUnreadableNotificationEmptiesTheView() {
        AdmittedSession session = kept(session(UUID.randomUUID()));
        ViewNotifications.apply(view, ViewNotifications.SESSION_ENDED, "not-a-uuid");
        assertNull(view.get(session.id()));
    }

    @Test
    void localEndsForgetTheSessionTheAccountOrEverything() {
        AdmittedSession one = kept(session(UUID.randomUUID()));
        AdmittedSession ofAccount = kept(session(UUID.randomUUID()));
        AdmittedSession other = kept(session(UUID.randomUUID()));
        ViewNotifications.forget(view, SessionEnded.one(one.id(), one.accountId(), EndReason.LOGOUT, NOW));
        ViewNotifications.forget(view, SessionEnded.many(ofAccount.accountId(), EndReason.PASSWORD_CHANGED, NOW, 1));
        assertNull(view.get(one.id()));
        assertNull(view.get(ofAccount.id()));
        assertEquals(other, view.get(other.id()));

        ViewNotifications.forget(view, SessionEnded.many(null, EndReason.IDLE_TIMEOUT, NOW, 3));
        assertEquals(other, view.get(other.id()), "expiries need no eviction: the rule calls them dead");
        ViewNotifications.forget(view, SessionEnded.many(null, EndReason.REVOKED_BY_ADMIN, NOW, 3));
        assertNull(view.get(other.id()), "any other bulk end empties the view");
    }
}
