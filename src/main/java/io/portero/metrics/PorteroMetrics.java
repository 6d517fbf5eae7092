package io.portero.metrics;

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
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Portero's metrics, observed rather than written into the flows: every login outcome, every ended
 * session by reason, every expiry pass, and two gauges, the live sessions (one count query, cached
 * for {@link #LIVE_CACHE}) and the callers waiting for a password-hashing slot on this node.
 * Counters are registered at start-up so every series exists, at zero, before its first event.
 */
@ApplicationScoped
public class PorteroMetrics {

    private static final Logger LOG = Logger.getLogger(PorteroMetrics.class.getName());

    /** How long a live-session count is reused: scrapes from several Prometheus servers cost one query. */
    static final Duration LIVE_CACHE = Duration.ofSeconds(5);

    /** The login outcomes counted, in {@code portero_logins_total{outcome}}. */
    static final List<String> OUTCOMES =
            List.of("success", "invalid_credentials", "account_disabled", "limit_reached", "throttled");

    @Inject
    MetricRegistry registry;

    @Inject
    Sessions sessions;

    @Inject
    Accounts accounts;

    private final Map<EndReason, Counter> ended = new EnumMap<>(EndReason.class);
    private Counter refreshReused;
    private Counter cleanupRuns;
    private Counter cleanupEnded;
    private Timer cleanupDuration;
    private final LiveCount live = new LiveCount(LIVE_CACHE, () -> sessions.countLive());

    @PostConstruct
    void register() {
        OUTCOMES.forEach(this::logins);
        for (EndReason reason : EndReason.values()) {
            ended.put(reason, registry.counter("portero_sessions_ended", new Tag("reason", label(reason))));
        }
        refreshReused = registry.counter("portero_refresh_reused");
        cleanupRuns = registry.counter("portero_cleanup_runs");
        cleanupEnded = registry.counter("portero_cleanup_sessions_ended");
        cleanupDuration = registry.timer("portero_cleanup_duration");
        registry.gauge("portero_sessions_live", live, LiveCount::value);
        registry.gauge("portero_password_hash_queue", accounts, Accounts::hashingQueue);
    }

    /** Registers the metrics as the application starts, not at the first event. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.log(Level.FINE, "Metrics registered: {0}", registry.getNames().size());
    }

    void loggedIn(@Observes LoggedIn event) {
        logins("success").inc();
    }

    void loginFailed(@Observes LoginFailed event) {
        logins(outcomeOf(event.code())).inc();
    }

    void refusedAtLimit(@Observes SessionLimitRefused event) {
        logins("limit_reached").inc();
    }

    void sessionEnded(@Observes SessionEnded event) {
        ended.get(event.reason()).inc(event.count());
        if (event.reason() == EndReason.REFRESH_REUSED) {
            refreshReused.inc(event.count());
        }
    }

    void expiryPass(@Observes ExpiryPassCompleted event) {
        cleanupRuns.inc();
        cleanupEnded.inc(event.sessionsEnded());
        cleanupDuration.update(event.took());
    }

    private Counter logins(String outcome) {
        return registry.counter("portero_logins", new Tag("outcome", outcome));
    }

    /** The outcome label of a refused login's code; throttling's {@code too_many_attempts} is "throttled". */
    static String outcomeOf(String code) {
        return switch (code) {
            case "invalid_credentials", "account_disabled", "throttled" -> code;
            case "too_many_attempts" -> "throttled";
            default -> code;
        };
    }

    static String label(EndReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }
}
