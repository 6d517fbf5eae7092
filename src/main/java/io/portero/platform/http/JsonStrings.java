package io.portero.platform.http;

/** Writes JSON text by hand where a binding's cost shows on a hot path (token claims, the refresh answer). */
public final class JsonStrings {

    private JsonStrings() {}

    /** Appends a JSON string (RFC 8259): quotes, backslashes and control characters escaped. */
    public static StringBuilder append(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }

    /** Appends {@code "name":} and the string or {@code null}. */
    public static StringBuilder field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":");
        return value == null ? json.append("null") : append(json, value);
    }
}
