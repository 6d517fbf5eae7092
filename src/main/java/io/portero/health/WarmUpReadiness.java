package io.portero.health;

import io.portero.auth.boundary.WarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the node warms its hot routes after start-up (decision 0024), so that a platform
 * sends it traffic only once a status poll costs what it will cost from then on; UP once the
 * warm-up is done, skipped or out of time, with what it did and, if skipped, why. Reads only memory.
 */
@Readiness
@ApplicationScoped
public class WarmUpReadiness implements HealthCheck {

    @Inject
    WarmUp warmUp;

    @Override
    public HealthCheckResponse call() {
        WarmUp.Progress progress = warmUp.progress();
        var response = HealthCheckResponse.named("warm-up")
                .withData("state", progress.state().name().toLowerCase(Locale.ROOT))
                .withData("requests", progress.sent())
                .withData("not_ok", progress.failed())
                .status(progress.ended());
        return progress.reason() == null
                ? response.build()
                : response.withData("reason", progress.reason()).build();
    }
}
