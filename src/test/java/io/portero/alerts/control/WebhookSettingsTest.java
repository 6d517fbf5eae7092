package io.portero.alerts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.alerts.entity.NewDeviceLoggedIn;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    private static final URI URL = URI.create("https://hooks.example.test:8443/T000/secret-path?token=abc");

    private static WebhookSettings settings(String secret) {
        return new WebhookSettings(URL, secret, Duration.ofSeconds(5), 4, Duration.ofSeconds(2));
    }

    @Test
    void retriesWaitTheDelayDoublingEachTime() {
        WebhookSettings settings = settings(null);
        assertEquals(Duration.ZERO, settings.delayBefore(1));
        assertEquals(Duration.ofSeconds(2), settings.delayBefore(2));
        assertEquals(Duration.ofSeconds(4), settings.delayBefore(3));
        assertEquals(Duration.ofSeconds(8), settings.delayBefore(4));
    }

    @Test
    void onlyTemporaryAnswersAreRetried() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertTrue(WebhookSettings.retryable(status), String.valueOf(status));
        }
        for (int status : new int[] {200, 301, 400, 401, 403, 404, 410, 413}) {
            assertFalse(WebhookSettings.retryable(status), String.valueOf(status));
        }
    }

    @Test
    void logsNameOnlyTheHostNeverThePathOrTheSecret() {
        WebhookSettings settings = settings("whsec-very-secret");
        assertEquals("https://hooks.example.test:8443", settings.where());
        assertFalse(settings.toString().contains("secret-path"), settings::toString);
        assertFalse(settings.toString().contains("token=abc"), settings::toString);
        assertFalse(settings.toString().contains("whsec-very-secret"), settings::toString);
        assertTrue(settings.toString().contains("signed=true"), settings::toString);
    }

    @Test
    void theUrlMustBeAbsoluteHttpOrNothing() {
        assertNull(WebhookSettings.parseUrl(null));
        assertNull(WebhookSettings.parseUrl("  "));
        assertEquals(URI.create("http://127.0.0.1:9/a"), WebhookSettings.parseUrl(" http://127.0.0.1:9/a "));
        for (String wrong :
                new String[] {"hooks.example.test/alert", "ftp://example.test/", "file:///etc/passwd", "http://"}) {
            assertThrows(IllegalArgumentException.class, () -> WebhookSettings.parseUrl(wrong), wrong);
        }
    }

    @Test
    void outOfRangeSettingsAreRefusedNamingTheKey() {
        IllegalArgumentException timeout = assertThrows(
                IllegalArgumentException.class,
                () -> new WebhookSettings(URL, null, Duration.ZERO, 4, Duration.ofSeconds(2)));
        assertTrue(timeout.getMessage().contains("portero.alerts.webhook-timeout"));
        IllegalArgumentException attempts = assertThrows(
                IllegalArgumentException.class,
                () -> new WebhookSettings(URL, null, Duration.ofSeconds(5), 0, Duration.ofSeconds(2)));
        assertTrue(attempts.getMessage().contains("portero.alerts.webhook-attempts"));
        assertNull(new WebhookSettings(URL, "", Duration.ofSeconds(5), 1, Duration.ZERO).secret(), "empty: unsigned");
    }

    @Test
    void thePayloadCarriesTheAlertAndNothingElse() {
        UUID alertId = UUID.randomUUID();
        UUID accountId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        NewDeviceLoggedIn alert = new NewDeviceLoggedIn(
                alertId,
                Instant.parse("2026-01-01T00:00:00Z"),
                accountId,
                "ana",
                sessionId,
                "203.0.113.7",
                "Firefox on Linux",
                "203.0.113.0/24");
        JsonObject json =
                Json.createReader(new StringReader(AlertPayload.json(alert))).readObject();
        assertEquals("NEW_DEVICE_LOGIN", json.getString("type"));
        assertEquals(alertId.toString(), json.getString("alert_id"));
        assertEquals("2026-01-01T00:00:00Z", json.getString("occurred_at"));
        assertEquals("ana", json.getString("username"));
        assertEquals(accountId.toString(), json.getString("account_id"));
        assertEquals(sessionId.toString(), json.getString("session_id"));
        assertEquals("Firefox on Linux", json.getString("device_label"));
        assertEquals("203.0.113.7", json.getString("ip_address"));
        assertEquals("203.0.113.0/24", json.getString("network"));
        assertEquals(9, json.size(), json::toString);
    }
}
