package io.portero.alerts.control;

import io.portero.alerts.entity.NewDeviceLoggedIn;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * The JSON body of a new-device alert: {@code type}, {@code alert_id}, {@code occurred_at},
 * {@code username}, {@code account_id}, {@code session_id}, {@code device_label},
 * {@code ip_address}, {@code network}. Never a password, a token or a hash of one.
 */
public final class AlertPayload {

    public static final String TYPE = "NEW_DEVICE_LOGIN";

    private AlertPayload() {}

    public static String json(NewDeviceLoggedIn alert) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", TYPE)
                .add("alert_id", alert.alertId().toString())
                .add("occurred_at", alert.at().toString());
        add(json, "username", alert.username());
        add(
                json,
                "account_id",
                alert.accountId() == null ? null : alert.accountId().toString());
        add(
                json,
                "session_id",
                alert.sessionId() == null ? null : alert.sessionId().toString());
        add(json, "device_label", alert.deviceLabel());
        add(json, "ip_address", alert.ipAddress());
        add(json, "network", alert.network());
        return json.build().toString();
    }

    private static void add(JsonObjectBuilder json, String key, String value) {
        if (value == null) {
            json.addNull(key);
        } else {
            json.add(key, value);
        }
    }
}
