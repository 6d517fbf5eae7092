package io.portero.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpiryTimerReadinessTest {

    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aFreshNodeIsReadyBeforeItsFirstPass() {
        ExpiryTimerReadiness.Verdict r =
                ExpiryTimerReadiness.check(Optional.empty(), START, MINUTE, START.plusSeconds(30));
        assertTrue(r.up());
        assertEquals("none", r.lastRun());
    }

    @Test
    void aRecentPassIsReportedAndReady() {
        Instant last = START.plusSeconds(600);
        ExpiryTimerReadiness.Verdict r =
                ExpiryTimerReadiness.check(Optional.of(last), START, MINUTE, last.plusSeconds(90));
        assertTrue(r.up());
        assertEquals(last.toString(), r.lastRun());
    }

    @Test
    void fiveMissedPassesMakeTheNodeNotReady() {
        Instant last = START.plusSeconds(600);
        ExpiryTimerReadiness.Verdict r =
                ExpiryTimerReadiness.check(Optional.of(last), START, MINUTE, last.plus(Duration.ofMinutes(6)));
        assertFalse(r.up());
    }

    @Test
    void aTimerThatNeverSucceededIsNotReadyAfterFiveIntervals() {
        ExpiryTimerReadiness.Verdict r =
                ExpiryTimerReadiness.check(Optional.empty(), START, MINUTE, START.plus(Duration.ofMinutes(6)));
        assertFalse(r.up());
    }
}
