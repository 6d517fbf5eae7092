package io.portero.platform.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * Requests that only a script of a trusted page can send, never a cross-site HTML form: those with
 * a JSON {@code Content-Type} or the {@value #CLIENT_HEADER} header. A form posts only
 * {@code application/x-www-form-urlencoded}, {@code multipart/form-data} or {@code text/plain} and
 * sets no header of its own; a script on another origin that tries either is stopped by the
 * browser's CORS preflight unless that origin is in {@code portero.http.cors.allowed-origins}.
 * A credential the browser attaches by itself (the refresh cookie) is honoured only on such a
 * request (OWASP CSRF Prevention Cheat Sheet: custom request headers).
 */
public final class ScriptedRequests {

    /** Any non-blank value will do, e.g. {@code X-Portero-Client: web}. */
    public static final String CLIENT_HEADER = "X-Portero-Client";

    private ScriptedRequests() {}

    public static boolean isScripted(HttpServletRequest request) {
        String client = request.getHeader(CLIENT_HEADER);
        return (client != null && !client.isBlank()) || isJson(request.getContentType());
    }

    /** {@code application/json} or {@code application/<anything>+json}, with any parameters. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
