package io.portero.auth.boundary;

import io.portero.platform.http.JsonBodies;
import io.portero.platform.problem.Failures;
import io.portero.sessions.boundary.SessionStatusShortcut;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers a refresh, {@code POST /api/token/refresh/}, outside JAX-RS when its token is the current
 * one of a live session: the request every open page sends before its access token expires, and
 * one whose JAX-RS runtime, bean validation and JPA unit of work cost a quarter of its CPU beside
 * the token's RSA signature (decision 0025). The answer is {@link TokenResource#refresh}'s: 200 with
 * the new access and refresh tokens, in the same JSON; the headers every API answer carries are set
 * by the filters before this one.
 *
 * <p>Only the plain case is taken: a {@code POST} of at most {@value #MAX_BODY} bytes with a
 * declared length, {@code Content-Type: application/json} (UTF-8 if a charset is named), an
 * {@code Accept} that takes JSON, and a body that is one well-formed JSON object whose
 * {@code refresh} is a string that looks like a refresh token (base64url and dots, at most
 * {@value #MAX_TOKEN} characters), and a token that {@link Authentication#refreshIfLive} rotates.
 * Everything else (the browser mode's cookie and {@code {}}, a malformed body, an unknown, retired or
 * dead token, a database that cannot be reached) goes on to the resource with the same body, which
 * decides and answers in the problem format; a token the shortcut could not rotate changed nothing,
 * so the resource's verdict is the one it would have given alone. A failure after the rotation (the
 * signature) is not handed on: the token is already retired, and the error page answers it.
 */
public class RefreshShortcut extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RefreshShortcut.class.getName());

    /** The largest body taken: a refresh token is 76 characters, and the member allows 512. */
    static final int MAX_BODY = 1024;

    /** {@code RefreshRequest}'s limit on the token. */
    static final int MAX_TOKEN = 512;

    @Inject
    Authentication authentication;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long length = request.getContentLengthLong();
        if (!"POST".equals(request.getMethod())
                || length < 0
                || length > MAX_BODY
                || !isJson(request.getContentType())
                || !SessionStatusShortcut.acceptsJson(request.getHeader("Accept"))) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) length);
        Optional<Authentication.Issued<RefreshResponse>> issued = tokenOf(body).flatMap(this::refresh);
        if (issued.isEmpty()) {
            chain.doFilter(new ReplayedBody(request, body), response);
            return;
        }
        byte[] answer = issued.get().tokens().toJson().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    private Optional<Authentication.Issued<RefreshResponse>> refresh(String token) {
        try {
            return authentication.refreshIfLive(token);
        } catch (RuntimeException e) {
            if (!Failures.isDatabaseUnavailable(e)) {
                throw e;
            }
            // The database is away: the resource tries again and answers 503 in the problem format.
            // (Had the statement committed before its answer was lost, the resource sees a retired
            // token, reuse, as for a client that retries: CrashSafetyIT's contract.)
            LOG.log(Level.FINE, "Refresh shortcut left the request to the resource", e);
            return Optional.empty();
        }
    }

    /** The body's refresh token when the body is the plain case described above. */
    static Optional<String> tokenOf(byte[] body) {
        JsonObject object;
        try {
            object = JsonBodies.parseObject(body);
        } catch (JsonBodies.MalformedBodyException e) {
            return Optional.empty();
        }
        return object.get("refresh") instanceof JsonString token && looksLikeRefreshToken(token.getString())
                ? Optional.of(token.getString())
                : Optional.empty();
    }

    /**
     * Whether {@code token} is 1 to {@value #MAX_TOKEN} characters of base64url and dots. A loop, not
     * a regular expression: the pattern's matcher was 4 % of a refresh's server CPU.
     */
    static boolean looksLikeRefreshToken(String token) {
        int length = token.length();
        if (length == 0 || length > MAX_TOKEN) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = token.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '-'
                    || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Whether a request's media type is JSON, in UTF-8 when a charset is named. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (!parameter.equals("charset=utf-8") && !parameter.equals("charset=\"utf-8\"")) {
                return false;
            }
        }
        return true;
    }

    /** The request with its body, already read here, to be read again. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {

        private final byte[] body;
        private ServletInputStream stream;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                stream = new BytesInputStream(body);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(), encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }

    private static final class BytesInputStream extends ServletInputStream {

        private final ByteArrayInputStream in;

        BytesInputStream(byte[] body) {
            in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            try {
                if (in.available() > 0) {
                    listener.onDataAvailable();
                }
                listener.onAllDataRead();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
