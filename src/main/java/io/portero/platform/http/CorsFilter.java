package io.portero.platform.http;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.Locale;

/**
 * Cross-origin access for the pages of the origins {@link CorsPolicy} lists, to the API
 * ({@code /api/...}, but for the forward-auth check) and to the JavaScript modules a page may import
 * ({@code *.js}, {@code *.mjs}); nothing else (health, metrics, OpenAPI, JWKS) is meant to be read by
 * a page on another origin.
 *
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 *       from a listed origin is answered here, 204, with the allowed methods and headers.</li>
 *   <li>Every other answer to a listed origin, errors included, carries
 *       {@code Access-Control-Allow-Origin: <origin>}, {@code Access-Control-Allow-Credentials: true}
 *       and the exposed headers. This filter is the first of the chain (web.xml) and also runs on
 *       the error dispatch, so the container's own refusals (the MP-JWT 401, the body limit's 413,
 *       the header limit's 431, unknown paths) carry them like the API's problems do.</li>
 *   <li>An unlisted origin gets no CORS header at all; its requests go on as if CORS did not exist.</li>
 *   <li>While any origin is listed, answers carry {@code Vary: Origin}, so that no cache hands one
 *       origin's answer to another.</li>
 * </ul>
 * With no origin listed (the default) the filter does nothing.
 */
public class CorsFilter extends HttpFilter {

    /**
     * The forward-auth check is for proxies, never pages, and checks OPTIONS like every method: a
     * preflight answered here would be a 2xx the proxy takes for a live session.
     */
    static final String FORWARD_AUTH = "/api/auth/";

    @Inject
    CorsPolicy policy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!policy.isEnabled() || !inScope(request)) {
            chain.doFilter(request, response);
            return;
        }
        addVaryOrigin(response);
        String origin = request.getHeader("Origin");
        if (!policy.allows(origin)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Credentials", "true");
        if (isPreflight(request)) {
            response.setHeader("Access-Control-Allow-Methods", String.join(", ", CorsPolicy.ALLOWED_METHODS));
            response.setHeader("Access-Control-Allow-Headers", String.join(", ", CorsPolicy.ALLOWED_HEADERS));
            response.setHeader("Access-Control-Max-Age", Integer.toString(CorsPolicy.MAX_AGE_SECONDS));
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setHeader("Access-Control-Expose-Headers", String.join(", ", CorsPolicy.EXPOSED_HEADERS));
        chain.doFilter(request, response);
    }

    static boolean isPreflight(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.REQUEST
                && "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    /** The API and the JavaScript modules, judged by the original request's path on an error dispatch too. */
    static boolean inScope(HttpServletRequest request) {
        Object original = request.getDispatcherType() == DispatcherType.ERROR
                ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                : null;
        String uri = original instanceof String path ? path : request.getRequestURI();
        if (uri == null) {
            return false;
        }
        String path =
                uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        if (path.startsWith(FORWARD_AUTH)) {
            return false;
        }
        return path.equals("/api") || path.startsWith("/api/") || path.endsWith(".js") || path.endsWith(".mjs");
    }

    private static void addVaryOrigin(HttpServletResponse response) {
        Collection<String> vary = response.getHeaders("Vary");
        if (vary == null
                || vary.stream()
                        .noneMatch(value -> value.toLowerCase(Locale.ROOT).contains("origin"))) {
            response.addHeader("Vary", "Origin");
        }
    }
}
