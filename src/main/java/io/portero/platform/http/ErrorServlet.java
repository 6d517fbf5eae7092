package io.portero.platform.http;

import io.portero.platform.problem.Messages;
import io.portero.platform.problem.Problem;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The error page for everything the container answers itself, outside JAX-RS: unknown paths,
 * oversized bodies, and {@code BearerAuthentication}'s 401 for a forged, expired or unreadable
 * token. It answers in the same problem format as the API, without a stack trace.
 */
@WebServlet(urlPatterns = ErrorServlet.PATH)
public class ErrorServlet extends HttpServlet {

    public static final String PATH = "/_error";
    private static final Jsonb JSON = JsonConfiguration.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer value ? value : 404;
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path == null) {
            path = request.getRequestURI();
        }
        if (status == 501) {
            // The default servlet's answer to a method it does not implement, outside the API.
            status = 405;
        }
        String code = codeFor(status, request);
        if (status == 401) {
            response.setHeader(
                    "WWW-Authenticate",
                    request.getHeader("Authorization") == null ? "Bearer" : "Bearer error=\"invalid_token\"");
        }
        write(request, response, status >= 500 ? 500 : status, status >= 500 ? "internal_error" : code, path);
    }

    /** Writes a problem answer outside JAX-RS, in the caller's language. */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String code, String path)
            throws IOException {
        Locale locale;
        try {
            locale = Messages.negotiate(
                    request.getHeader("Accept-Language") == null ? List.of() : Collections.list(request.getLocales()));
        } catch (RuntimeException unreadableAcceptLanguage) {
            locale = Messages.negotiate(List.of());
        }
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.toJson(Problem.body(code, status, locale, path, Map.of())));
    }

    static String codeFor(int status, HttpServletRequest request) {
        return switch (status) {
            case 401 -> request.getHeader("Authorization") == null ? "not_authenticated" : "invalid_token";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 431 -> "header_too_large";
            default -> "bad_request";
        };
    }
}
