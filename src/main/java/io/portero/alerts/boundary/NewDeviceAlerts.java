package io.portero.alerts.boundary;

import io.portero.alerts.control.AlertWebhook;
import io.portero.alerts.entity.NewDeviceLoggedIn;
import io.portero.auth.boundary.LoggedIn;
import io.portero.sessions.boundary.KnownDevices;
import io.portero.sessions.entity.DeviceSighting;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After every successful login: records its device with {@link KnownDevices}; when the device is
 * new to the account (and this is not the account's first login), publishes
 * {@link NewDeviceLoggedIn} and hands the alert to the webhook, which delivers it in the
 * background. Runs after the login's own observers (the audit's {@code LOGIN} comes first) and
 * never throws: whatever fails here is logged and the login stands.
 */
@ApplicationScoped
public class NewDeviceAlerts {

    private static final Logger LOG = Logger.getLogger("io.portero.alerts");

    @Inject
    KnownDevices devices;

    @Inject
    AlertWebhook webhook;

    @Inject
    Event<NewDeviceLoggedIn> newDevice;

    @Inject
    Clock clock;

    /** Reads and checks the webhook settings as the application starts: a wrong one stops the deployment. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        webhook.describe();
    }

    void loggedIn(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(Interceptor.Priority.APPLICATION + 900)
                    LoggedIn event) {
        try {
            DeviceSighting sighting =
                    devices.recordLogin(event.accountId(), event.sessionId(), event.ipAddress(), event.deviceLabel());
            if (sighting == null || !sighting.isNew()) {
                return;
            }
            NewDeviceLoggedIn alert = new NewDeviceLoggedIn(
                    UUID.randomUUID(),
                    clock.instant(),
                    sighting.accountId(),
                    sighting.username(),
                    sighting.sessionId(),
                    sighting.ipAddress(),
                    sighting.deviceLabel(),
                    sighting.network());
            newDevice.fire(alert);
            webhook.send(alert);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "New-device check of session " + event.sessionId() + " failed; the login stands: " + e);
        }
    }
}
