package io.portero.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {

    private static SessionSettings settings(Duration idleTimeout, Duration warningLead) {
        SessionSettings settings = new SessionSettings();
        settings.maxActive = 2;
        settings.limitPolicy = "reject";
        settings.idleTimeout = idleTimeout;
        settings.maxLifetime = Duration.ofHours(12);
        settings.activityWriteInterval = Duration.ofSeconds(60);
        settings.retention = Duration.ofDays(90);
        settings.warningLead = warningLead;
        settings.passivePathList = Optional.empty();
        settings.check = Optional.empty();
        settings.viewMaxSize = 100_000;
        settings.refreshCommitSetting = "async";
        settings.validate();
        return settings;
    }

    @Test
    void theWarningComesTheConfiguredLeadBeforeTheIdleEnd() {
        assertEquals(
                Duration.ofMinutes(2),
                settings(Duration.ofMinutes(30), Duration.ofMinutes(2)).warningLead());
        assertEquals(
                Duration.ZERO, settings(Duration.ofMinutes(30), Duration.ZERO).warningLead());
    }

    @Test
    void butNeverEarlierThanHalfwayThroughTheIdleTimeout() {
        assertEquals(
                Duration.ofSeconds(4),
                settings(Duration.ofSeconds(8), Duration.ofMinutes(2)).warningLead());
        assertEquals(
                Duration.ofMinutes(15),
                settings(Duration.ofMinutes(30), Duration.ofHours(1)).warningLead());
    }

    @Test
    void aNegativeLeadStopsTheStart() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> settings(Duration.ofMinutes(30), Duration.ofSeconds(-1)));
        assertEquals("portero.sessions.warning-lead must not be negative: PT-1S", e.getMessage());
    }
}
