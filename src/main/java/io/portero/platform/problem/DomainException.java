package io.portero.platform.problem;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A broken business rule, told to the client as an RFC 9457 problem. The {@code code} is stable
 * (clients switch on it); the human text comes from the localized message bundle under the same
 * code, so the exception's own message is for logs only.
 */
public abstract class DomainException extends RuntimeException {

    private final String code;
    private final int status;

    protected DomainException(String code, int status, String logMessage) {
        super(logMessage, null, false, false);
        this.code = code;
        this.status = status;
    }

    /** The stable machine-readable code, e.g. {@code session_limit_reached}. */
    public String code() {
        return code;
    }

    /** The HTTP status the problem is answered with. */
    public int status() {
        return status;
    }

    /**
     * The {@code WWW-Authenticate} challenge of a 401 (RFC 9110 §11.6.1): a Bearer challenge, the
     * scheme of the API's tokens, unless the rule asks for another scheme.
     */
    public String challenge() {
        return "invalid_credentials".equals(code) ? "Bearer" : "Bearer error=\"invalid_token\"";
    }

    /**
     * Seconds after which the client may try again ({@code Retry-After}), for a refusal that is
     * about load or pace rather than the request itself; empty for the others.
     */
    public Optional<Integer> retryAfterSeconds() {
        return Optional.empty();
    }

    /** Extra members of the problem body (e.g. the live sessions of a refused login), in the caller's language. */
    public Map<String, Object> extensions(Locale locale) {
        return Map.of();
    }
}
