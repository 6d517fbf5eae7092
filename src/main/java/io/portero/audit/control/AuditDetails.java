package io.portero.audit.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** An event's details as the JSON text stored in {@code audit_event.details}: a flat object of strings. */
public final class AuditDetails {

    private AuditDetails() {}

    /** The JSON text of the details (keys sorted), or null when there are none. */
    public static String toJson(Map<String, String> details) {
        if (details == null || details.isEmpty()) {
            return null;
        }
        JsonObjectBuilder json = Json.createObjectBuilder();
        new TreeMap<>(details).forEach((key, value) -> {
            if (value != null) {
                json.add(key, value);
            }
        });
        return json.build().toString();
    }

    /** The details of stored JSON text; empty for none. Values that are not strings are shown as their JSON text. */
    public static Map<String, String> fromJson(String text) {
        Map<String, String> details = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return details;
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonObject object = reader.readObject();
            object.forEach((key, value) -> details.put(key, text(value)));
        }
        return details;
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }
}
