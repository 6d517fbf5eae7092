package io.portero.sessions.control;

import io.portero.sessions.entity.LimitPolicy;
import io.portero.sessions.entity.SessionPolicy;
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

    private SessionPolicy policy;
    private DeviceLimitPolicy deviceLimit;

    @PostConstruct
    void validate() {
        policy = new SessionPolicy(idleTimeout, maxLifetime, activityWriteInterval);
        deviceLimit = new DeviceLimitPolicy(maxActive, LimitPolicy.parse(limitPolicy));
    }

    public SessionPolicy policy() {
        return policy;
    }

    public DeviceLimitPolicy deviceLimit() {
        return deviceLimit;
    }

    public Duration retention() {
        return retention;
    }
}
