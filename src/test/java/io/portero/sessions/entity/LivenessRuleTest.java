package io.portero.sessions.entity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LivenessRuleTest {

    private static final Duration POSITIVE = Duration.ofMinutes(30);

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1S", "-PT30M"})
    void idleTimeoutMustBePositive(String idle) {
        assertThrows(
                IllegalArgumentException.class, () -> new LivenessRule(Duration.parse(idle), POSITIVE, Duration.ZERO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1S", "-PT8H"})
    void maxLifetimeMustBePositive(String lifetime) {
        assertThrows(
                IllegalArgumentException.class,
                () -> new LivenessRule(POSITIVE, Duration.parse(lifetime), Duration.ZERO));
    }

    @Test
    void activityWriteIntervalMayBeZeroButNotNegative() {
        assertDoesNotThrow(() -> new LivenessRule(POSITIVE, POSITIVE, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class, () -> new LivenessRule(POSITIVE, POSITIVE, Duration.ofSeconds(-1)));
    }

    @Test
    void cutoffsLieTheirDurationsBeforeNow() {
        LivenessRule policy = new LivenessRule(Duration.ofMinutes(30), Duration.ofHours(8), Duration.ofSeconds(30));
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        assertEquals(Instant.parse("2026-11-28T11:30:00Z"), policy.idleCutoff(now));
        assertEquals(Instant.parse("2026-11-28T04:00:00Z"), policy.lifetimeCutoff(now));
    }

    @Test
    void deadReasonGoesByEndThenLifetimeThenIdleness() {
        LivenessRule rule = new LivenessRule(Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofSeconds(60));
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        Instant recent = now.minusSeconds(60);
        assertEquals(
                java.util.Optional.of(EndReason.LOGOUT), rule.deadReason(false, EndReason.LOGOUT, recent, recent, now));
        assertEquals(
                java.util.Optional.of(EndReason.MAX_LIFETIME),
                rule.deadReason(true, null, now.minus(Duration.ofHours(12)), now.minus(Duration.ofHours(1)), now));
        assertEquals(
                java.util.Optional.of(EndReason.IDLE_TIMEOUT),
                rule.deadReason(true, null, recent, now.minus(Duration.ofMinutes(30)), now));
        assertEquals(java.util.Optional.empty(), rule.deadReason(true, null, recent, now.minusSeconds(1799), now));
    }
}
