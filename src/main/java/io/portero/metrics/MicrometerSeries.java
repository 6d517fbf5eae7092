package io.portero.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.portero.accounts.boundary.Accounts;
import io.portero.sessions.boundary.ExpiryPassCompleted;
import io.portero.sessions.entity.EndReason;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code portero_*} series in the server's Micrometer registry, for {@link MicrometerMetrics}:
 * the one class naming Micrometer's types, loaded only where Micrometer is present, so that a
 * server without it (Payara) never has to resolve them.
 */
final class MicrometerSeries {

    private final MeterRegistry registry;
    private final Map<EndReason, Counter> ended = new EnumMap<>(EndReason.class);
    private final Counter refreshReused;
    private final Counter cleanupRuns;
    private final Counter cleanupEnded;
    private final Timer cleanupDuration;

    /**
     * Registers every series, at zero, in the registry CDI provides, or answers null when none is
     * provided. The registry holds {@code live} and {@code accounts} weakly: the caller keeps them.
     */
    static MicrometerSeries register(LiveCount live, Accounts accounts) {
        Instance<MeterRegistry> registries = CDI.current().select(MeterRegistry.class);
        return registries.isResolvable() ? new MicrometerSeries(registries.get(), live, accounts) : null;
    }

    private MicrometerSeries(MeterRegistry registry, LiveCount live, Accounts accounts) {
        this.registry = registry;
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
        registry.gauge("portero_sessions_live", Tags.empty(), live, LiveCount::value);
        registry.gauge("portero_password_hash_queue", Tags.empty(), accounts, Accounts::hashingQueue);
    }

    /**
     * Removes every {@code portero_*} series of this deployment from the registry. The server's
     * registry outlives a deployment, and a gauge registered again under the same name keeps the
     * first deployment's (by then collected) object: after a redeploy the gauges would read NaN.
     */
    void close() {
        for (Meter meter : List.copyOf(registry.getMeters())) {
            if (meter.getId().getName().startsWith("portero_")) {
                registry.remove(meter);
            }
        }
    }

    int size() {
        return registry.getMeters().size();
    }

    void login(String outcome) {
        logins(outcome).increment();
    }

    void ended(EndReason reason, int count) {
        ended.get(reason).increment(count);
        if (reason == EndReason.REFRESH_REUSED) {
            refreshReused.increment(count);
        }
    }

    void expiryPass(ExpiryPassCompleted event) {
        cleanupRuns.increment();
        cleanupEnded.increment(event.sessionsEnded());
        cleanupDuration.record(event.took());
    }

    private Counter logins(String outcome) {
        return registry.counter("portero_logins", "outcome", outcome);
    }
}
