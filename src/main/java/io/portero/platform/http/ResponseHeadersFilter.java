package io.portero.platform.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;

/**
 * Headers every answer carries, and the header sizes every request must keep to.
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff} on every answer, so no browser reads JSON as HTML.</li>
 *   <li>{@code Cache-Control: no-store} on every API answer: tokens (RFC 6749 §5.1), session lists
 *       and account data must never sit in a shared or browser cache.</li>
 *   <li>On everything else (the pages, their scripts and styles): {@code Cache-Control: no-cache}, so
 *       a browser revalidates its copy (the default servlet's {@code ETag}, 304) and a redeployment
 *       is seen at once; and the page policy: {@value #PAGE_POLICY} as
 *       {@code Content-Security-Policy} (no inline script or style, nothing from other origins, no
 *       framing), {@code X-Frame-Options: DENY} for browsers without {@code frame-ancestors}, and
 *       {@code Referrer-Policy: no-referrer}.</li>
 *   <li>A request header longer than {@value #MAX_HEADER_CHARS} characters is refused with 431
 *       {@code header_too_large} before it reaches the API (the HTTP listener accepts up to 64 KiB of
 *       headers in all, so that this answer, not a bare 400, is what a client sees).</li>
 * </ul>
 *
 * <p>Mapped to {@code /*} in {@code web.xml}, where the order of the filters is set.
 */
public class ResponseHeadersFilter extends HttpFilter {

    public static final int MAX_HEADER_CHARS = 8 * 1024;

    /** The pages' Content-Security-Policy: everything from this origin only, no inline code, no framing. */
    public static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        String path = request.getRequestURI();
        if (isApi(path, request.getContextPath())) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        } else {
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("Content-Security-Policy", PAGE_POLICY);
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
        }
        if (hasOversizedHeader(request)) {
            ErrorServlet.write(request, response, 431, "header_too_large", path);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether {@code uri} is an API path of the application deployed at {@code contextPath} (empty
     * at the root, {@code /portero} when a server deploys it under its name).
     */
    static boolean isApi(String uri, String contextPath) {
        if (uri == null) {
            return false;
        }
        int start = contextPath == null || !uri.startsWith(contextPath) ? 0 : contextPath.length();
        return uri.startsWith("/api/", start) || uri.length() == start + 4 && uri.startsWith("/api", start);
    }

    private static boolean hasOversizedHeader(HttpServletRequest request) {
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            Enumeration<String> values = request.getHeaders(names.nextElement());
            while (values != null && values.hasMoreElements()) {
                String value = values.nextElement();
                if (value != null && value.length() > MAX_HEADER_CHARS) {
                    return true;
                }
            }
        }
        return false;
    }
}
