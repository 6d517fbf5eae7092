package io.portero.auth.boundary;

import io.portero.auth.entity.CookieNotScriptedException;
import io.portero.platform.http.ClientAddresses;
import io.portero.platform.http.ScriptedRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The browser mode of the refresh token: instead of the answer's body, the token travels in an
 * {@code HttpOnly}, {@code SameSite=Strict} cookie that no script can read and that the browser
 * sends only to the two routes that take it. One cookie {@value #NAME} is set for each of
 * {@link #PATHS} (same value, same lifetime: the session's absolute end), {@code Secure} unless the
 * browser talks plain HTTP on the loopback ({@link ClientAddresses#isPlainHttpOnLoopback}).
 *
 * <p>A refresh or logout whose body carries no token uses the cookie, but only on a request no
 * cross-site form could send ({@link ScriptedRequests}); otherwise it is refused with 403
 * {@code csrf_check_failed} and the cookie stays. A refresh through the cookie rotates it; a logout
 * through it, and any 401 of a refresh through it (the session is over, the token was reused or is
 * unknown), clear it. {@link RefreshCookieWriter} writes what was decided here onto the answer.
 */
@RequestScoped
public class RefreshCookies {

    public static final String NAME = "portero_refresh";

    /** Below the context root: the refresh and the logout routes (each with or without a final slash). */
    public static final List<String> PATHS = List.of("/api/token/refresh", "/api/logout");

    @Inject
    HttpServletRequest http;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    Clock clock;

    private boolean presented;
    private List<String> onSuccess = List.of();

    /**
     * The refresh token of the request's cookie, when the body has none. The request must be one no
     * cross-site form can send, or {@link CookieNotScriptedException}.
     */
    public Optional<String> token() {
        Optional<String> value = cookie();
        if (value.isPresent()) {
            if (!ScriptedRequests.isScripted(http)) {
                throw new CookieNotScriptedException();
            }
            presented = true;
        }
        return value;
    }

    /** Whether this request's refresh token came from the cookie. */
    public boolean presented() {
        return presented;
    }

    /** On success, the answer sets the cookie to this refresh token, usable until {@code expiresAt}. */
    public void keep(String refreshToken, Instant expiresAt) {
        long maxAge = Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
        boolean secure = !clientAddresses.isPlainHttpOnLoopback(http);
        onSuccess = PATHS.stream()
                .map(path -> header(refreshToken, http.getContextPath() + path, maxAge, secure))
                .toList();
    }

    /** On success, the answer removes the cookie. */
    public void clearOnSuccess() {
        onSuccess = clearing();
    }

    /** The {@code Set-Cookie} lines of an answer with this status. */
    List<String> setCookieLines(int status) {
        if (status >= 200 && status < 300) {
            return onSuccess;
        }
        return presented && status == 401 ? clearing() : List.of();
    }

    private List<String> clearing() {
        boolean secure = !clientAddresses.isPlainHttpOnLoopback(http);
        return PATHS.stream()
                .map(path -> header("", http.getContextPath() + path, 0, secure))
                .toList();
    }

    private Optional<String> cookie() {
        Cookie[] cookies = http.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName())
                    && cookie.getValue() != null
                    && !cookie.getValue().isBlank()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** One {@code Set-Cookie} value (RFC 6265bis); the token is base64url, so it needs no quoting. */
    static String header(String value, String path, long maxAgeSeconds, boolean secure) {
        return NAME + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
