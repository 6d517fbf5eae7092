package io.portero.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.portero.accounts.boundary.Accounts;
import io.portero.auth.boundary.LoggedIn;
import io.portero.auth.boundary.LoginFailed;
import io.portero.auth.boundary.SessionLimitRefused;
import io.portero.sessions.boundary.ExpiryPassCompleted;
import io.portero.sessions.boundary.Sessions;
import io.portero.sessions.entity.EndReason;
import io.portero.sessions.entity.SessionEnded;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The same {@code portero_*} series as {@link PorteroMetrics}, written to a Micrometer registry: the
 * one WildFly's {@code micrometer} subsystem provides (WildFly 39 has no MicroProfile Metrics), which
 * its Prometheus registry serves on the management port (decision 0016). Prometheus names come out
 * as on Payara: counters end in {@code _total}, the timer in {@code _seconds_count} and
 * {@code _seconds_sum}. On a server without Micrometer (Payara) this class cannot load and CDI skips
 * it, as WildFly skips {@link PorteroMetrics}.
 */
@ApplicationScoped
public class MicrometerMetrics {

    private static final Logger LOG = Logger.getLogger(MicrometerMetrics.class.getName());

    @Inject
    MeterRegistry registry;

    @Inject
    Sessions sessions;

    @Inject
    Accounts accounts;

    private final Map<EndReason, Counter> ended = new EnumMap<>(EndReason.class);
    private Counter refreshReused;
    private Counter cleanupRuns;
    private Counter cleanupEnded;
    private Timer cleanupDuration;
    private final LiveCount live = new LiveCount(PorteroMetrics.LIVE_CACHE, () -> sessions.countLive());

    @PostConstruct
    void register() {
        PorteroMetrics.OUTCOMES.forEach(this::logins);
        for (EndReason reason : EndReason.values()) {
            ended.put(reason, registry.counter("portero_sessions_ended", "reason", PorteroMetrics.label(reason)));
        }
        refreshReused = registry.counter("portero_refresh_reused");
        cleanupRuns = registry.counter("portero_cleanup_runs");
        cleanupEnded = registry.counter("portero_cleanup_sessions_ended");
        cleanupDuration = registry.timer("portero_cleanup_duration");
        // registry.gauge(...), not Gauge.builder(...).register(registry): WildFly's per-deployment
        // registry passes the former on to the server's registries and keeps the latter to itself.
        // The registry holds the objects weakly; this bean holds them for the application's life.
        registry.gauge("portero_sessions_live", Tags.empty(), live, LiveCount::value);
        registry.gauge("portero_password_hash_queue", Tags.empty(), accounts, Accounts::hashingQueue);
    }

    /** Registers the metrics as the application starts, not at the first event. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.log(Level.FINE, "Metrics registered: {0}", registry.getMeters().size());
    }

    void loggedIn(@Observes LoggedIn event) {
        logins("success").increment();
    }

    void loginFailed(@Observes LoginFailed event) {
        logins(PorteroMetrics.outcomeOf(event.code())).increment();
    }

    void refusedAtLimit(@Observes SessionLimitRefused event) {
        logins("limit_reached").increment();
    }

    void sessionEnded(@Observes SessionEnded event) {
        ended.get(event.reason()).increment(event.count());
        if (event.reason() == EndReason.REFRESH_REUSED) {
            refreshReused.increment(event.count());
        }
    }

    void expiryPass(@Observes ExpiryPassCompleted event) {
        cleanupRuns.increment();
        cleanupEnded.increment(event.sessionsEnded());
        cleanupDuration.record(event.took());
    }

    private Counter logins(String outcome) {
        return registry.counter("portero_logins", "outcome", outcome);
    }
}
