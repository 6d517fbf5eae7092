package io.portero.metrics;

import io.portero.accounts.boundary.Accounts;
import io.portero.auth.boundary.LoggedIn;
import io.portero.auth.boundary.LoginFailed;
import io.portero.auth.boundary.SessionLimitRefused;
import io.portero.sessions.boundary.ExpiryPassCompleted;
import io.portero.sessions.boundary.Sessions;
import io.portero.sessions.entity.SessionEnded;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The same {@code portero_*} series as {@link PorteroMetrics}, written to the Micrometer registry
 * of WildFly's {@code micrometer} subsystem (WildFly 39 has no MicroProfile Metrics), which its
 * Prometheus registry serves on the management port (decision 0016). Prometheus names come out as
 * on Payara: counters end in {@code _total}, the timer in {@code _seconds_count} and
 * {@code _seconds_sum}. Where Micrometer is absent (Payara) this bean does nothing: its own
 * signatures name no Micrometer type, so no server has to resolve one to deploy it;
 * {@link MicrometerSeries} holds them.
 */
@ApplicationScoped
public class MicrometerMetrics {

    private static final Logger LOG = Logger.getLogger(MicrometerMetrics.class.getName());

    @Inject
    Sessions sessions;

    @Inject
    Accounts accounts;

    private final LiveCount live = new LiveCount(PorteroMetrics.LIVE_CACHE, () -> sessions.countLive());

    /** Null where the server provides no Micrometer registry. */
    private MicrometerSeries series;

    @PostConstruct
    void register() {
        series = micrometerPresent() ? MicrometerSeries.register(live, accounts) : null;
    }

    /** The series go with the deployment: a redeployed WAR registers its own. */
    @PreDestroy
    void unregister() {
        if (series != null) {
            series.close();
        }
    }

    private static boolean micrometerPresent() {
        try {
            Class.forName(
                    "io.micrometer.core.instrument.MeterRegistry", false, MicrometerMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** Registers the series as the application starts, not at the first event. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.log(Level.FINE, "Micrometer series: {0}", series == null ? "none, no registry" : series.size());
    }

    void loggedIn(@Observes LoggedIn event) {
        if (series != null) {
            series.login("success");
        }
    }

    void loginFailed(@Observes LoginFailed event) {
        if (series != null) {
            series.login(PorteroMetrics.outcomeOf(event.code()));
        }
    }

    void refusedAtLimit(@Observes SessionLimitRefused event) {
        if (series != null) {
            series.login("limit_reached");
        }
    }

    void sessionEnded(@Observes SessionEnded event) {
        if (series != null) {
            series.ended(event.reason(), event.count());
        }
    }

    void expiryPass(@Observes ExpiryPassCompleted event) {
        if (series != null) {
            series.expiryPass(event);
        }
    }
}
