package io.portero.sessions.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The expiry timer: every {@code portero.sessions.cleanup-interval} it marks sessions past their
 * idle timeout or lifetime as ended, in set-based statements of {@value #BATCH} rows per
 * transaction until none is left, and every {@code portero.sessions.purge-interval} (an hour)
 * deletes history older than the retention period. Every node may run it: the statements are idempotent.
 * It is housekeeping only; liveness is always decided at request time.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SessionExpiryTimer {

    private static final Logger LOG = Logger.getLogger(SessionExpiryTimer.class.getName());
    /** Rows per expiry transaction: keeps row locks short even when a backlog of a million builds up. */
    static final int BATCH = 10_000;

    @Resource
    TimerService timers;

    @Inject
    Sessions sessions;

    @Inject
    @ConfigProperty(name = "portero.sessions.cleanup-interval", defaultValue = "PT1M")
    Duration interval;

    @Inject
    @ConfigProperty(name = "portero.sessions.purge-interval", defaultValue = "PT1H")
    Duration purgeInterval;

    @Inject
    Event<ExpiryPassCompleted> completed;

    @Inject
    Clock clock;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private volatile Instant scheduledAt;
    private final AtomicLong lastPurge = new AtomicLong();

    @PostConstruct
    void schedule() {
        long millis = Math.max(1000, interval.toMillis());
        timers.createIntervalTimer(millis, millis, new TimerConfig("portero-session-expiry", false));
        scheduledAt = clock.instant();
        LOG.info(() -> "Session expiry timer every " + interval);
    }

    /** When the last pass finished without error; empty until the first one has. */
    public Optional<Instant> lastSuccessfulRun() {
        return Optional.ofNullable(lastSuccess.get());
    }

    /** When this node scheduled the timer (its start-up). */
    public Instant scheduledAt() {
        return scheduledAt;
    }

    /** The time between two passes. */
    public Duration interval() {
        return interval;
    }

    @Timeout
    void sweep(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        try {
            int expired = 0;
            int pass;
            do {
                pass = sessions.expireStale(BATCH);
                expired += pass;
            } while (pass >= BATCH);
            int total = expired;
            if (total > 0) {
                LOG.fine(() -> "Expired " + total + " session(s)");
            }
            long now = System.currentTimeMillis();
            if (now - lastPurge.get() >= purgeInterval.toMillis()) {
                lastPurge.set(now);
                int purged = 0;
                int batch;
                do {
                    batch = sessions.purgeHistory(BATCH);
                    purged += batch;
                } while (batch >= BATCH);
                int deleted = purged;
                if (deleted > 0) {
                    LOG.info(() -> "Deleted " + deleted + " ended session(s) past the retention period");
                }
            }
            Instant finished = clock.instant();
            lastSuccess.set(finished);
            completed.fire(new ExpiryPassCompleted(finished, Duration.ofNanos(System.nanoTime() - started), total));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Session expiry pass failed; the next one retries: " + e.getMessage());
        } finally {
            running.set(false);
        }
    }
}
