package io.portero.auth.control;

import java.time.Duration;
import java.time.Instant;

/**
 * The brute-force rule, as arithmetic over counted failures. The first {@code maxFailures} failures
 * of one subject (a username, or a session changing its password) from one address within the
 * {@code window} are answered as usual; from then on the subject is locked for
 * {@value #FIRST_LOCKOUT_SECONDS} s after its last failure, doubling with every further failure
 * (attempts refused while locked count too) up to {@code maxLockout}. Independently, an address
 * with {@code maxFailuresPerIp} wrong passwords within {@link #IP_WINDOW} is refused every login
 * until the oldest of them is an hour old.
 */
public record LoginThrottlePolicy(int maxFailures, Duration window, Duration maxLockout, int maxFailuresPerIp) {

    /** The period of the per-address ceiling (ASVS 2.2.1: failures per hour). */
    public static final Duration IP_WINDOW = Duration.ofHours(1);

    static final long FIRST_LOCKOUT_SECONDS = 30;

    public LoginThrottlePolicy {
        if (maxFailures < 1 || maxFailuresPerIp < 1) {
            throw new IllegalArgumentException("failure limits must be at least 1");
        }
        if (window.isNegative() || window.isZero() || maxLockout.isNegative() || maxLockout.isZero()) {
            throw new IllegalArgumentException("failure window and lockout must be positive");
        }
    }

    /**
     * What the store counted before an attempt: the subject's failures from this address within the
     * window and the last of them; the address's counted failures within the hour and the first of them.
     */
    public record Failures(long subject, Instant lastSubjectFailure, long address, Instant firstAddressFailure) {

        public static final Failures NONE = new Failures(0, null, 0, null);
    }

    /**
     * The answer to one attempt: go ahead and check the password, or refuse it for {@code retryAfter};
     * {@code recorded} says whether a refused attempt is counted as a failure of its subject (it is
     * while that still lengthens the lock, so a locked subject adds at most a few rows).
     */
    public record Verdict(boolean throttled, Duration retryAfter, boolean recorded) {

        static final Verdict ALLOWED = new Verdict(false, Duration.ZERO, false);

        /** Retry-After in whole seconds, rounded up, at least 1. */
        public long retryAfterSeconds() {
            long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }
    }

    /** Failures of the subject at or after this instant count. */
    public Instant subjectSince(Instant now) {
        return now.minus(window);
    }

    /** Failures of the address at or after this instant count. */
    public Instant addressSince(Instant now) {
        return now.minus(IP_WINDOW);
    }

    /** Rows older than this count for nothing any more and may be deleted. */
    public Instant prunableBefore(Instant now) {
        return now.minus(window.compareTo(IP_WINDOW) > 0 ? window : IP_WINDOW);
    }

    /** How long a subject with this many failures stays locked after its last failure. */
    public Duration lockout(long failures) {
        if (failures < maxFailures) {
            return Duration.ZERO;
        }
        long doublings = Math.min(failures - maxFailures, 40);
        long seconds = FIRST_LOCKOUT_SECONDS << doublings;
        Duration lockout = Duration.ofSeconds(seconds);
        return lockout.compareTo(maxLockout) < 0 ? lockout : maxLockout;
    }

    public Verdict decide(Failures failures, Instant now) {
        Duration wait = Duration.ZERO;
        boolean recorded = false;
        if (failures.subject() >= maxFailures && failures.lastSubjectFailure() != null) {
            Duration lockout = lockout(failures.subject());
            Instant until = failures.lastSubjectFailure().plus(lockout);
            if (now.isBefore(until)) {
                wait = Duration.between(now, until);
                recorded = lockout.compareTo(maxLockout) < 0;
            }
        }
        if (failures.address() >= maxFailuresPerIp && failures.firstAddressFailure() != null) {
            Instant until = failures.firstAddressFailure().plus(IP_WINDOW);
            if (now.isBefore(until) && Duration.between(now, until).compareTo(wait) > 0) {
                wait = Duration.between(now, until);
            }
        }
        return wait.isZero() ? Verdict.ALLOWED : new Verdict(true, wait, recorded);
    }
}
