package io.portero.audit.boundary;

import io.portero.audit.control.AuditLog;
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
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes audit events older than {@code portero.audit.retention} (180 days), every
 * {@code portero.sessions.purge-interval} (an hour, the sessions' history purge runs as often), in
 * transactions of at most {@value #BATCH} rows until none is left. Every node may run it.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditRetentionTimer {

    private static final Logger LOG = Logger.getLogger(AuditRetentionTimer.class.getName());
    static final int BATCH = 10_000;

    @Resource
    TimerService timers;

    @Inject
    AuditLog log;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "portero.audit.retention", defaultValue = "P180D")
    Duration retention;

    @Inject
    @ConfigProperty(name = "portero.sessions.purge-interval", defaultValue = "PT1H")
    Duration interval;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long millis = Math.max(1000, interval.toMillis());
        timers.createIntervalTimer(millis, millis, new TimerConfig("portero-audit-retention", false));
    }

    @Timeout
    void purge(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            int total = purgeAll();
            if (total > 0) {
                LOG.info(() -> "Deleted " + total + " audit event(s) past the retention period " + retention);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Audit retention pass failed; the next one retries: " + e.getMessage());
        } finally {
            running.set(false);
        }
    }

    /**
     * One pass: batches of at most {@value #BATCH} events older than the retention period (the
     * cut-off taken once, at the start of the pass) until a batch comes back short; answers how
     * many were deleted.
     */
    int purgeAll() {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = 0;
        int batch;
        do {
            batch = log.purgeBefore(cutoff, BATCH);
            deleted += batch;
        } while (batch >= BATCH);
        return deleted;
    }
}
