package io.portero.audit.control;

import java.util.Map;

/**
 * The one-line server log form of an audit event: {@code audit type=LOGIN outcome=SUCCESS
 * username="alice" ...}, every value quoted, quotes and backslashes escaped and control characters
 * replaced, so that a name tried at login cannot forge a second line or field.
 */
public final class AuditLines {

    private AuditLines() {}

    /** The line; null and blank values are left out. */
    public static String line(Map<String, ?> fields) {
        StringBuilder line = new StringBuilder("audit");
        fields.forEach((key, value) -> {
            if (value != null && !value.toString().isBlank()) {
                line.append(' ').append(key).append('=');
                quote(line, value.toString());
            }
        });
        return line.toString();
    }

    static void quote(StringBuilder out, String value) {
        out.append('"');
        value.codePoints().limit(512).forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        out.append('"');
    }
}
