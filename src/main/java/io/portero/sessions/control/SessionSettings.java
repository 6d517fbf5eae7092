package io.portero.sessions.control;

import io.portero.platform.database.DatabaseSettings;
import io.portero.sessions.entity.LimitStrategy;
import io.portero.sessions.entity.LivenessRule;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The session rules as configured ({@code portero.sessions.*}, and the forward-auth passive paths),
 * checked once at start-up.
 */
@ApplicationScoped
public class SessionSettings {

    @Inject
    @ConfigProperty(name = "portero.sessions.max-active", defaultValue = "2")
    int maxActive;

    @Inject
    @ConfigProperty(name = "portero.sessions.limit-policy", defaultValue = "reject")
    String limitPolicy;

    @Inject
    @ConfigProperty(name = "portero.sessions.idle-timeout", defaultValue = "PT30M")
    Duration idleTimeout;

    @Inject
    @ConfigProperty(name = "portero.sessions.max-lifetime", defaultValue = "PT12H")
    Duration maxLifetime;

    @Inject
    @ConfigProperty(name = "portero.sessions.activity-write-interval", defaultValue = "PT60S")
    Duration activityWriteInterval;

    @Inject
    @ConfigProperty(name = "portero.sessions.retention", defaultValue = "P90D")
    Duration retention;

    @Inject
    @ConfigProperty(name = "portero.sessions.warning-lead", defaultValue = "PT2M")
    Duration warningLead;

    @Inject
    @ConfigProperty(name = "portero.sessions.check")
    Optional<String> check;

    @Inject
    @ConfigProperty(name = "portero.sessions.view.max-size", defaultValue = "100000")
    long viewMaxSize;

    @Inject
    @ConfigProperty(name = "portero.sessions.refresh-commit", defaultValue = "async")
    String refreshCommitSetting;

    @Inject
    @ConfigProperty(name = "portero.forward-auth.passive-paths")
    Optional<String> passivePathList;

    private LivenessRule liveness;
    private DeviceLimit deviceLimit;
    private PassivePaths passivePaths;
    private SessionCheck sessionCheck;
    private RefreshCommit refreshCommit;

    @PostConstruct
    void validate() {
        liveness = new LivenessRule(idleTimeout, maxLifetime, activityWriteInterval);
        deviceLimit = new DeviceLimit(maxActive, LimitStrategy.parse(limitPolicy));
        passivePaths = PassivePaths.parse(passivePathList.orElse(""));
        refreshCommit = RefreshCommit.parse(refreshCommitSetting);
        sessionCheck = SessionCheck.choose(
                check.orElse(""), DatabaseSettings.resolve(System.getenv()).isPostgreSql());
        if (viewMaxSize < 1) {
            throw new IllegalArgumentException("portero.sessions.view.max-size must be positive: " + viewMaxSize);
        }
        if (warningLead.isNegative()) {
            throw new IllegalArgumentException("portero.sessions.warning-lead must not be negative: " + warningLead);
        }
    }

    public LivenessRule liveness() {
        return liveness;
    }

    /** How an authenticated request's session is checked ({@code portero.sessions.check}). */
    public SessionCheck sessionCheck() {
        return sessionCheck;
    }

    /** How a refresh token's rotation commits ({@code portero.sessions.refresh-commit}, decision 0027). */
    public RefreshCommit refreshCommit() {
        return refreshCommit;
    }

    /** How many live sessions this node's view holds at most ({@code portero.sessions.view.max-size}). */
    public long viewMaxSize() {
        return viewMaxSize;
    }

    public DeviceLimit deviceLimit() {
        return deviceLimit;
    }

    /** The application paths that are background polls when a proxy asks about them (forward-auth). */
    public PassivePaths passivePaths() {
        return passivePaths;
    }

    /**
     * How long before an idle session ends a page should warn its user: the configured lead, but
     * never more than half the idle timeout, so that a short timeout still leaves time before the
     * warning.
     */
    public Duration warningLead() {
        return warningLead(warningLead, liveness.idleTimeout());
    }

    static Duration warningLead(Duration configured, Duration idleTimeout) {
        Duration half = idleTimeout.dividedBy(2);
        return configured.compareTo(half) > 0 ? half : configured;
    }

    public Duration retention() {
        return retention;
    }
}
