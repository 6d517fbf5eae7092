package io.portero.sessions.control;

import io.portero.sessions.entity.LimitStrategy;
import io.portero.sessions.entity.LivenessRule;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The session rules as configured ({@code portero.sessions.*}), checked once at start-up. */
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

    private LivenessRule liveness;
    private DeviceLimit deviceLimit;

    @PostConstruct
    void validate() {
        liveness = new LivenessRule(idleTimeout, maxLifetime, activityWriteInterval);
        deviceLimit = new DeviceLimit(maxActive, LimitStrategy.parse(limitPolicy));
    }

    public LivenessRule liveness() {
        return liveness;
    }

    public DeviceLimit deviceLimit() {
        return deviceLimit;
    }

    public Duration retention() {
        return retention;
    }
}
