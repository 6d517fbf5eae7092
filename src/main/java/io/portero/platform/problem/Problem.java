package io.portero.platform.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An RFC 9457 problem body: {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}, Portero's stable {@code code}, and optional extension members such as
 * {@code violations}. The same shape is produced for every error, by JAX-RS mappers and by the
 * servlet error page alike.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    static final String TYPE_PREFIX = "urn:portero:problem:";

    private Problem() {}

    /** The ordered members of a problem body. */
    public static Map<String, Object> body(
            String code, int status, Locale locale, String instance, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + code);
        body.put("title", Messages.text("title." + status, locale));
        body.put("status", status);
        body.put("detail", Messages.text(code, locale));
        body.put("instance", instance);
        body.put("code", code);
        body.putAll(extensions);
        return body;
    }

    public static Response response(
            String code, int status, Locale locale, String instance, Map<String, Object> extensions) {
        return Response.status(status)
                .type(MEDIA)
                .entity(body(code, status, locale, instance, extensions))
                .build();
    }

    public static Response response(String code, int status, Locale locale, String instance) {
        return response(code, status, locale, instance, Map.of());
    }

    /** One failed field check, as listed under {@code violations}. */
    public record Violation(String field, String code, String message) {}

    public static Map<String, Object> violations(List<Violation> violations) {
        return Map.of("violations", violations);
    }
}
