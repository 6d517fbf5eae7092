package io.portero.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottlePolicyTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final LoginThrottlePolicy POLICY =
            new LoginThrottlePolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15), 100);

    static LoginThrottlePolicy.Failures subject(long count, Instant last) {
        return new LoginThrottlePolicy.Failures(count, last, 0, null);
    }

    @Test
    void fewerFailuresThanTheLimitAreAnsweredAsUsual() {
        assertFalse(POLICY.decide(LoginThrottlePolicy.Failures.NONE, NOW).throttled());
        assertFalse(POLICY.decide(subject(4, NOW.minusSeconds(1)), NOW).throttled());
    }

    @Test
    void theAttemptAfterTheLimitIsRefusedForThirtySeconds() {
        LoginThrottlePolicy.Verdict verdict = POLICY.decide(subject(5, NOW.minusSeconds(10)), NOW);
        assertTrue(verdict.throttled());
        assertEquals(20, verdict.retryAfterSeconds());
        assertTrue(verdict.recorded(), "a refused attempt lengthens the lock");
    }

    @Test
    void theLockDoublesWithEveryFurtherFailureUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(30), POLICY.lockout(5));
        assertEquals(Duration.ofSeconds(60), POLICY.lockout(6));
        assertEquals(Duration.ofSeconds(480), POLICY.lockout(9));
        assertEquals(Duration.ofMinutes(15), POLICY.lockout(10));
        assertEquals(Duration.ofMinutes(15), POLICY.lockout(10_000));
        assertEquals(Duration.ZERO, POLICY.lockout(4));
    }

    @Test
    void atTheMaximumLockRefusedAttemptsAreNoLongerRecorded() {
        LoginThrottlePolicy.Verdict verdict = POLICY.decide(subject(10, NOW), NOW);
        assertTrue(verdict.throttled());
        assertEquals(900, verdict.retryAfterSeconds());
        assertFalse(verdict.recorded());
    }

    @Test
    void afterTheLockThePasswordIsCheckedAgain() {
        assertFalse(POLICY.decide(subject(5, NOW.minusSeconds(30)), NOW).throttled());
        assertFalse(POLICY.decide(subject(6, NOW.minusSeconds(61)), NOW).throttled());
        assertTrue(POLICY.decide(subject(6, NOW.minusSeconds(59)), NOW).throttled());
    }

    @Test
    void anAddressAtItsCeilingIsRefusedUntilItsOldestFailureIsAnHourOld() {
        LoginThrottlePolicy.Failures failures =
                new LoginThrottlePolicy.Failures(0, null, 100, NOW.minus(Duration.ofMinutes(50)));
        LoginThrottlePolicy.Verdict verdict = POLICY.decide(failures, NOW);
        assertTrue(verdict.throttled());
        assertEquals(600, verdict.retryAfterSeconds());
        assertFalse(verdict.recorded(), "refusals for the address add no rows");
        assertFalse(POLICY.decide(new LoginThrottlePolicy.Failures(0, null, 99, NOW), NOW)
                .throttled());
    }

    @Test
    void theLongerOfBothWaitsIsAnswered() {
        LoginThrottlePolicy.Failures both =
                new LoginThrottlePolicy.Failures(5, NOW, 100, NOW.minus(Duration.ofMinutes(59)));
        assertEquals(60, POLICY.decide(both, NOW).retryAfterSeconds());
        assertTrue(POLICY.decide(both, NOW).recorded());
    }

    @Test
    void retryAfterIsRoundedUpToWholeSeconds() {
        LoginThrottlePolicy.Verdict verdict = POLICY.decide(subject(5, NOW.minusMillis(29_500)), NOW);
        assertEquals(1, verdict.retryAfterSeconds());
    }

    @Test
    void windowsAndPruningCutOff() {
        assertEquals(NOW.minus(Duration.ofMinutes(15)), POLICY.subjectSince(NOW));
        assertEquals(NOW.minus(Duration.ofHours(1)), POLICY.addressSince(NOW));
        assertEquals(NOW.minus(Duration.ofHours(1)), POLICY.prunableBefore(NOW));
        LoginThrottlePolicy longWindow = new LoginThrottlePolicy(5, Duration.ofHours(2), Duration.ofMinutes(15), 100);
        assertEquals(NOW.minus(Duration.ofHours(2)), longWindow.prunableBefore(NOW));
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new LoginThrottlePolicy(0, Duration.ofMinutes(15), Duration.ofMinutes(15), 100));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LoginThrottlePolicy(5, Duration.ZERO, Duration.ofMinutes(15), 100));
    }
}
