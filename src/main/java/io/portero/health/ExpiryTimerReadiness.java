package io.portero.health;

import io.portero.sessions.boundary.SessionExpiryTimer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports when this node's expiry timer last finished a pass without error. DOWN once no pass has
 * succeeded for {@value #MISSED_PASSES} intervals (counted from start-up until the first one): the
 * timer is stuck or every pass fails, and ended sessions pile up as active rows. Reads only memory,
 * never the database.
 */
@Readiness
@ApplicationScoped
public class ExpiryTimerReadiness implements HealthCheck {

    /** Passes that may be missed (a busy database, a slow start) before the node is reported not ready. */
    static final int MISSED_PASSES = 5;

    @Inject
    SessionExpiryTimer timer;

    @Inject
    Clock clock;

    @Override
    public HealthCheckResponse call() {
        Verdict verdict = check(timer.lastSuccessfulRun(), timer.scheduledAt(), timer.interval(), clock.instant());
        var response = HealthCheckResponse.named("session-expiry-timer")
                .withData("last_successful_run", verdict.lastRun())
                .status(verdict.up());
        return verdict.reason() == null
                ? response.build()
                : response.withData("reason", verdict.reason()).build();
    }

    /** What the probe reports: up or not, the last run (or "none") and, when down, why. */
    record Verdict(boolean up, String lastRun, String reason) {}

    static Verdict check(Optional<Instant> lastRun, Instant scheduledAt, Duration interval, Instant now) {
        String last = lastRun.map(Instant::toString).orElse("none");
        Instant since = lastRun.orElse(scheduledAt == null ? now : scheduledAt);
        Duration allowed = interval.multipliedBy(MISSED_PASSES).plusSeconds(MISSED_PASSES);
        Duration silent = Duration.between(since, now);
        if (silent.compareTo(allowed) > 0) {
            return new Verdict(false, last, "no successful pass for " + silent.toSeconds() + " s");
        }
        return new Verdict(true, last, null);
    }
}
