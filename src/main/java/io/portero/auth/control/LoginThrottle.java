package io.portero.auth.control;

import io.portero.accounts.entity.Account;
import io.portero.auth.entity.TooManyAttemptsException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Login throttling against brute force and password spraying ({@link LoginThrottlePolicy}), counted
 * in the database so that the rule holds across nodes. A login is admitted (or refused with 429
 * before its password is checked), then reported as failed or succeeded. The lock is per (username,
 * address), so a stranger cannot lock a user out of their other devices; a wrong current password
 * in change-password is counted per session. Rows past every window are pruned in batches, at most
 * once a minute per node, by the request that records a failure.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());
    static final int PRUNE_BATCH = 1_000;
    static final int PRUNE_MAX_BATCHES = 20;
    static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);

    @Inject
    LoginFailureStore store;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "portero.login.max-failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "portero.login.failure-window", defaultValue = "PT15M")
    Duration window;

    @Inject
    @ConfigProperty(name = "portero.login.max-lockout", defaultValue = "PT15M")
    Duration maxLockout;

    @Inject
    @ConfigProperty(name = "portero.login.max-failures-per-ip", defaultValue = "100")
    int maxFailuresPerIp;

    private LoginThrottlePolicy policy;
    private final AtomicLong nextPrune = new AtomicLong();

    @PostConstruct
    void init() {
        policy = new LoginThrottlePolicy(maxFailures, window, maxLockout, maxFailuresPerIp);
    }

    /** One admitted attempt: whose, from where, and whether failures were counted before it. */
    public record Attempt(String subject, String address, boolean countsForIp, long failuresBefore) {}

    /**
     * Admits a login of this username from this address, or refuses it before its password is checked.
     *
     * @throws TooManyAttemptsException while the (username, address) pair is locked or the address
     *     has reached its ceiling
     */
    public Attempt admitLogin(String username, String address) {
        return admit("user:" + Account.keyOf(username), LoginFailureStore.address(address), true);
    }

    /** Admits a change-password attempt of this session, or refuses it before the current password is checked. */
    public Attempt admitPasswordChange(UUID sessionId) {
        return admit("session:" + sessionId, "", false);
    }

    /** The password was checked and wrong. */
    public void failed(Attempt attempt) {
        Instant now = clock.instant();
        store.record(attempt.subject(), attempt.address(), attempt.countsForIp(), now);
        pruneIfDue(now);
    }

    /** The password was right and the login (or change) went through: the pair starts afresh. */
    public void succeeded(Attempt attempt) {
        if (attempt.failuresBefore() > 0) {
            store.clear(attempt.subject(), attempt.address());
        }
    }

    private Attempt admit(String subject, String address, boolean countsForIp) {
        Instant now = clock.instant();
        LoginThrottlePolicy.Failures failures =
                store.count(subject, address, policy.subjectSince(now), policy.addressSince(now));
        if (!countsForIp) {
            failures = new LoginThrottlePolicy.Failures(failures.subject(), failures.lastSubjectFailure(), 0, null);
        }
        LoginThrottlePolicy.Verdict verdict = policy.decide(failures, now);
        if (verdict.throttled()) {
            if (verdict.recorded()) {
                store.record(subject, address, false, now);
            }
            throw new TooManyAttemptsException(verdict.retryAfterSeconds());
        }
        return new Attempt(subject, address, countsForIp, failures.subject());
    }

    private void pruneIfDue(Instant now) {
        long due = nextPrune.get();
        if (now.toEpochMilli() < due
                || !nextPrune.compareAndSet(due, now.plus(PRUNE_INTERVAL).toEpochMilli())) {
            return;
        }
        try {
            Instant before = policy.prunableBefore(now);
            for (int i = 0; i < PRUNE_MAX_BATCHES; i++) {
                if (store.prune(before, PRUNE_BATCH) < PRUNE_BATCH) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pruning old login failures failed; the next failure retries: " + e.getMessage());
        }
    }
}
