package io.portero.platform.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * No API request body may exceed 64 KiB, but a user import ({@value #IMPORT_PATH}), whose limit is
 * {@code portero.import.max-body} (default 256 MiB; {@code 512K}, {@code 256M}, {@code 1G} or
 * bytes). A declared larger {@code Content-Length} is refused before anything is read (413); a
 * chunked body is cut off the moment it passes the limit, and the resulting
 * {@link BodyTooLargeException} becomes the same 413. The import's limit applies to that exact
 * path only: any other spelling of it keeps the 64 KiB limit.
 *
 * <p>Mapped to {@code /api/*} in {@code web.xml}, where the order of the filters is set.
 */
public class BodyLimitFilter extends HttpFilter {

    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The user import, the one route whose body may be larger. */
    public static final String IMPORT_PATH = "/api/admin/users/import";

    static final String IMPORT_LIMIT_KEY = "portero.import.max-body";
    static final long DEFAULT_IMPORT_LIMIT = 256L * 1024 * 1024;

    private long importLimit = DEFAULT_IMPORT_LIMIT;

    @Override
    public void init() {
        importLimit = ConfigProvider.getConfig()
                .getOptionalValue(IMPORT_LIMIT_KEY, String.class)
                .map(BodyLimitFilter::parseSize)
                .orElse(DEFAULT_IMPORT_LIMIT);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long limit = limitFor(
                request.getRequestURI().substring(request.getContextPath().length()));
        if (request.getContentLengthLong() > limit) {
            response.sendError(413);
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    /** The limit of a request path (as sent, not decoded, after the context root). */
    long limitFor(String path) {
        return IMPORT_PATH.equals(path) || (IMPORT_PATH + "/").equals(path) ? importLimit : MAX_BODY_BYTES;
    }

    /** A size: bytes, or a number followed by K, M or G (binary: 1K = 1024 bytes); at least 1 KiB. */
    static long parseSize(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (value.endsWith("K") || value.endsWith("M") || value.endsWith("G")) {
            unit = switch (value.charAt(value.length() - 1)) {
                case 'K' -> 1024L;
                case 'M' -> 1024L * 1024;
                default -> 1024L * 1024 * 1024;
            };
            value = value.substring(0, value.length() - 1).trim();
        }
        long size;
        try {
            size = Math.multiplyExact(Long.parseLong(value), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(IMPORT_LIMIT_KEY + " is not a size (e.g. 256M): " + text, e);
        }
        if (size < 1024) {
            throw new IllegalArgumentException(IMPORT_LIMIT_KEY + " must be at least 1K: " + text);
        }
        return size;
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limit);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        LimitedInputStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
