package io.portero.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
import io.portero.sessions.entity.Device;
import io.portero.sessions.entity.LimitStrategy;
import io.portero.sessions.entity.UserSession;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceLimitTest {

    private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");
    private static final Account ACCOUNT = new Account("ana", null, "hash", Set.of(Role.USER), T0);

    /** A live session started {@code startedMinute} and last active {@code activeMinute} minutes after T0. */
    private static UserSession session(String label, int startedMinute, int activeMinute) {
        UserSession session =
                new UserSession(ACCOUNT, new Device(null, label, null), T0.plusSeconds(60L * startedMinute));
        session.touch(T0.plusSeconds(60L * activeMinute));
        return session;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void aMaximumBelowOneIsRefused(int maxActive) {
        assertThrows(IllegalArgumentException.class, () -> new DeviceLimit(maxActive, LimitStrategy.REJECT));
    }

    @Test
    void aLoginBelowTheLimitPassesWithoutEvicting() {
        List<UserSession> live = List.of(session("a", 0, 5), session("b", 1, 6));

        for (LimitStrategy policy : LimitStrategy.values()) {
            DeviceLimit.Decision decision = new DeviceLimit(3, policy).decide(live);

            assertFalse(decision.rejected(), policy.name());
            assertEquals(List.of(), decision.toEvict(), policy.name());
        }
    }

    @Test
    void theFirstLoginPasses() {
        DeviceLimit.Decision decision = new DeviceLimit(1, LimitStrategy.REJECT).decide(List.of());

        assertFalse(decision.rejected());
        assertTrue(decision.toEvict().isEmpty());
    }

    @Test
    void thirdLoginIsRefusedWhileTwoSessionsAreLiveUnderReject() {
        List<UserSession> live = List.of(session("a", 0, 5), session("b", 1, 6));

        DeviceLimit.Decision decision = new DeviceLimit(2, LimitStrategy.REJECT).decide(live);

        assertTrue(decision.rejected());
        assertEquals(List.of(), decision.toEvict());
    }

    @Test
    void atTheLimitEvictOldestEndsTheLeastRecentlyActiveSession() {
        UserSession startedFirstButBusy = session("phone", 0, 50);
        UserSession idleLongest = session("laptop", 10, 20);
        UserSession recent = session("tablet", 20, 40);

        DeviceLimit.Decision decision = new DeviceLimit(3, LimitStrategy.EVICT_OLDEST)
                .decide(List.of(startedFirstButBusy, recent, idleLongest));

        assertFalse(decision.rejected());
        assertEquals(List.of(idleLongest), decision.toEvict());
    }

    @Test
    void equalActivityIsBrokenByTheEarlierStart() {
        UserSession startedLater = session("later", 10, 30);
        UserSession startedEarlier = session("earlier", 5, 30);

        DeviceLimit.Decision decision =
                new DeviceLimit(2, LimitStrategy.EVICT_OLDEST).decide(List.of(startedLater, startedEarlier));

        assertEquals(List.of(startedEarlier), decision.toEvict());
    }

    @Test
    void aLoweredLimitEvictsEnoughSessionsToLetTheNewOneIn() {
        UserSession a = session("a", 0, 30);
        UserSession b = session("b", 1, 10);
        UserSession c = session("c", 2, 20);

        DeviceLimit.Decision decision = new DeviceLimit(1, LimitStrategy.EVICT_OLDEST).decide(List.of(a, b, c));

        assertFalse(decision.rejected());
        assertEquals(List.of(b, c, a), decision.toEvict());
    }

    @Test
    void overTheLimitEvictOldestKeepsTheMostRecentlyActive() {
        UserSession a = session("a", 0, 30);
        UserSession b = session("b", 1, 10);
        UserSession c = session("c", 2, 20);
        UserSession d = session("d", 3, 40);

        DeviceLimit.Decision decision = new DeviceLimit(2, LimitStrategy.EVICT_OLDEST).decide(List.of(a, b, c, d));

        assertEquals(List.of(b, c, a), decision.toEvict());
    }

    @Test
    void overTheLimitRejectStillRejects() {
        List<UserSession> live = List.of(session("a", 0, 1), session("b", 0, 2), session("c", 0, 3));

        assertTrue(new DeviceLimit(1, LimitStrategy.REJECT).decide(live).rejected());
    }
}
